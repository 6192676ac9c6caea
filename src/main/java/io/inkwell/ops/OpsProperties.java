package io.inkwell.ops;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the operations dashboard and of what records for it (the slow-query log),
 * bound from {@code inkwell.ops.*}.
 *
 * @param backupMarkerFile file the backup job writes after each successful backup (its
 * content an ISO-8601 instant, e.g. {@code 2026-05-01T02:00:00Z}; when empty or
 * unreadable its modification time counts); empty: the dashboard says the last backup is
 * unknown
 * @param backupMaxAge a backup older than this turns the backup card amber; three times
 * this, red
 * @param slowQueryLogSize how many recent slow statements this instance keeps in memory
 * @param checkTimeout how long one card may wait for the database before it is shown red
 * @param createPgStatStatements whether the dashboard may run
 * {@code CREATE EXTENSION IF NOT EXISTS pg_stat_statements} once, on first use
 */
@Validated
@ConfigurationProperties("inkwell.ops")
public record OpsProperties(@DefaultValue("") String backupMarkerFile,
		@DefaultValue("26h") @NotNull Duration backupMaxAge,
		@DefaultValue("50") @Min(1) @Max(10000) int slowQueryLogSize,
		@DefaultValue("2s") @NotNull Duration checkTimeout, @DefaultValue("true") boolean createPgStatStatements) {
}
