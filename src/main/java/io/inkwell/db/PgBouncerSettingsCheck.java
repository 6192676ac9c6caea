package io.inkwell.db;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Behind PgBouncer ({@code pgbouncer=true}) the driver sends neither
 * {@code statement_timeout} nor the schema as start-up parameters: PgBouncer in
 * transaction mode refuses parameters it does not track, and a {@code SET} would stay on
 * whichever server connection ran it. They come from the role instead
 * ({@code ALTER ROLE ... IN DATABASE ... SET statement_timeout = ...}, see
 * docs/operations.md). Once at start-up this check reads them through PgBouncer and logs
 * a warning when they differ from {@code DATABASE_URL} (the statement timeout: the URL's,
 * else {@code inkwell.db.statement-timeout}); it does not wait for the answer.
 */
@Component
class PgBouncerSettingsCheck implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(PgBouncerSettingsCheck.class);

	private static final String SESSION_SETTINGS = """
			/* PgBouncerSettingsCheck.sessionSettings */ SELECT
			  (SELECT CAST(setting AS bigint) FROM pg_settings WHERE name = 'statement_timeout') AS statement_timeout_ms,
			  current_schema() AS schema
			""";

	private final DatabaseUrl url;

	private final DatabaseClient db;

	private final DbProperties properties;

	PgBouncerSettingsCheck(DatabaseUrl url, DatabaseClient db, DbProperties properties) {
		this.url = url;
		this.db = db;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.url.pgbouncer()) {
			return;
		}
		this.db.sql(SESSION_SETTINGS)
			.map((row) -> new Settings(row.get("statement_timeout_ms", Long.class), row.get("schema", String.class)))
			.one()
			.timeout(Duration.ofSeconds(30))
			.subscribe(this::compare, (ex) -> log
				.warn("Could not read statement_timeout and the schema through PgBouncer: {}", ex.getMessage()));
	}

	void compare(Settings settings) {
		long wanted = this.properties.statementTimeout(this.url).toMillis();
		if (settings.statementTimeoutMillis() == null || settings.statementTimeoutMillis() != wanted) {
			log.warn(
					"The statement timeout is {} ms (DATABASE_URL or inkwell.db.statement-timeout) but the server applies {} ms through PgBouncer; "
							+ "set it on the role: ALTER ROLE <user> IN DATABASE <db> SET statement_timeout = {}",
					wanted, settings.statementTimeoutMillis(), wanted);
		}
		if (!this.url.schema().equals(settings.schema())) {
			log.warn(
					"DATABASE_URL has schema={} but the server's search path starts at {} through PgBouncer; "
							+ "set it on the role: ALTER ROLE <user> IN DATABASE <db> SET search_path = {}",
					this.url.schema(), settings.schema(), this.url.schema());
		}
	}

	record Settings(Long statementTimeoutMillis, String schema) {
	}

}
