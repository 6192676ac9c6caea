package io.inkwell.idempotency;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code Idempotency-Key} handling, bound from {@code inkwell.idempotency.*}.
 *
 * @param retention how long the first answer to a key is kept and replayed; after it the
 * key may be used again
 * @param cleanupInterval how often each instance deletes expired keys
 * @param cleanupBatch keys one clean-up statement deletes at most (short statements,
 * short locks)
 */
@Validated
@ConfigurationProperties("inkwell.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") @NotNull Duration retention,
		@DefaultValue("10m") @NotNull Duration cleanupInterval,
		@DefaultValue("500") @Min(1) @Max(100000) int cleanupBatch) {
}
