package io.inkwell.post;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the posts export, bound from {@code inkwell.export.*}.
 *
 * @param idleTimeout an export whose client reads nothing for this long (no row could be
 * written) is cut off: its connection closed, its database connection and snapshot
 * released
 */
@Validated
@ConfigurationProperties("inkwell.export")
public record ExportProperties(@DefaultValue("30s") @NotNull Duration idleTimeout) {
}
