package io.inkwell.db;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Pool and driver settings that are not part of {@code DATABASE_URL} (the URL carries the
 * pool size, the acquire timeout, TLS and PgBouncer mode). Every value has a default; all
 * are bound from {@code inkwell.db.*}.
 *
 * @param url the database URL; {@code DATABASE_URL} in the environment (empty: dev mode)
 * @param maxIdleTime idle connections older than this are closed
 * @param maxLifeTime connections older than this are replaced, so that server-side memory
 * and DNS changes do not live forever
 * @param maxValidationTime how long a connection's validation query may take before it
 * counts as broken; unused without a validation query (the socket check answers at once)
 * @param preparedStatementCacheSize named prepared statements kept per connection; forced
 * to 0 when {@code pgbouncer=true}, since PgBouncer in transaction mode cannot keep them
 * @param maxPendingAcquires a memory backstop: how many requests may wait for a
 * connection at once before the next is answered at once with 503 and
 * {@code Retry-After}. Far above what the HTTP admission gate
 * ({@code inkwell.http.max-active-requests}) lets through, so that requests wait in order
 * (up to {@code pool_timeout}) instead of being turned away
 * @param validationQuery query run to validate a connection when the pool hands it out;
 * empty means the driver's own check (is the socket open), which costs no round trip
 * @param slowQueryThreshold statements slower than this are logged (SQL text and
 * duration, never the parameter values)
 * @param statementTimeout the server-side {@code statement_timeout} of the API's
 * connections when {@code DATABASE_URL} names none (its {@code statement_timeout}
 * parameter, when above 0, wins); 0 = off. Bounds what one request, anonymous ones
 * included, can cost; a statement cut off by it answers 503 with {@code Retry-After}
 */
@Validated
@ConfigurationProperties("inkwell.db")
public record DbProperties(@DefaultValue("") String url, @DefaultValue("30m") @NotNull Duration maxIdleTime,
		@DefaultValue("30m") @NotNull Duration maxLifeTime, @DefaultValue("2s") @NotNull Duration maxValidationTime,
		@DefaultValue("256") @Min(0) int preparedStatementCacheSize,
		@DefaultValue("20000") @Min(1) int maxPendingAcquires, @DefaultValue("") String validationQuery,
		@DefaultValue("200ms") @NotNull Duration slowQueryThreshold,
		@DefaultValue("5s") @NotNull Duration statementTimeout) {

	/**
	 * The statement timeout the API's connections to {@code url} get: the URL's when
	 * above 0, else {@link #statementTimeout()}.
	 */
	public Duration statementTimeout(DatabaseUrl url) {
		return url.statementTimeout().isZero() ? this.statementTimeout : url.statementTimeout();
	}

}
