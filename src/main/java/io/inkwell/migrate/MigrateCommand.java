package io.inkwell.migrate;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.db.InvalidDatabaseUrlException;

/**
 * {@code java -jar inkwell.jar migrate [update|status|validate|rollback <count>]}:
 * Liquibase over JDBC against {@code MIGRATION_DATABASE_URL} (a direct connection,
 * bypassing PgBouncer) or else {@code DATABASE_URL}; a URL with {@code pgbouncer=true} is
 * refused. Starts no web server and no R2DBC pool; the exit code says how it went.
 */
public final class MigrateCommand {

	/**
	 * Exit code when the command worked (and, for {@code status}, nothing is pending).
	 */
	public static final int OK = 0;

	/** Exit code when {@code status} finds pending changesets. */
	public static final int PENDING = 1;

	/** Exit code for a usage or configuration error. */
	public static final int USAGE = 2;

	/** Exit code when the migration itself failed. */
	public static final int FAILED = 3;

	static final String USAGE_TEXT = "usage: migrate [update|status|validate|rollback <count>]";

	private final Map<String, String> environment;

	private final PrintStream out;

	private final PrintStream err;

	public MigrateCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
		this.environment = environment;
		this.out = out;
		this.err = err;
	}

	/**
	 * Runs the command.
	 * @param args the arguments after {@code migrate}
	 * @return the process exit code
	 */
	public int run(List<String> args) {
		String action = args.isEmpty() ? "update" : args.get(0);
		Migrator migrator;
		try {
			migrator = migrator();
		}
		catch (InvalidDatabaseUrlException | IllegalStateException ex) {
			this.err.println("migrate: " + ex.getMessage());
			return USAGE;
		}
		try {
			switch (action) {
				case "update" -> {
					if (args.size() != 1 && !args.isEmpty()) {
						return usage();
					}
					List<String> applied = migrator.update();
					this.out.println(applied.isEmpty() ? "migrate: schema is up to date, nothing applied"
							: "migrate: applied " + applied.size() + " changeset(s): " + String.join(", ", applied));
					return OK;
				}
				case "status" -> {
					if (args.size() != 1) {
						return usage();
					}
					MigrationStatus status = migrator.status();
					status.applied()
						.forEach((applied) -> this.out.println(
								"applied  " + applied.id() + "  " + applied.author() + "  " + applied.executedAt()));
					status.pending().forEach((pending) -> this.out.println("pending  " + pending));
					this.out.println("migrate: " + status.applied().size() + " applied, " + status.pending().size()
							+ " pending");
					return status.upToDate() ? OK : PENDING;
				}
				case "validate" -> {
					if (args.size() != 1) {
						return usage();
					}
					migrator.validate();
					this.out.println("migrate: changelog is valid and matches the applied changesets");
					return OK;
				}
				case "rollback" -> {
					if (args.size() != 2 || !args.get(1).matches("[1-9][0-9]{0,5}")) {
						return usage();
					}
					int count = Integer.parseInt(args.get(1));
					migrator.rollback(count);
					this.out.println("migrate: rolled back " + count + " changeset(s)");
					return OK;
				}
				default -> {
					return usage();
				}
			}
		}
		catch (MigrationException ex) {
			this.err.println("migrate " + action + " failed: " + ex.getMessage());
			return FAILED;
		}
	}

	private Migrator migrator() {
		String name = "MIGRATION_DATABASE_URL";
		String value = this.environment.get(name);
		if (value == null || value.isBlank()) {
			name = "DATABASE_URL";
			value = this.environment.get(name);
		}
		if (value == null || value.isBlank()) {
			throw new IllegalStateException("set MIGRATION_DATABASE_URL or DATABASE_URL to the database to migrate");
		}
		DatabaseUrl url;
		try {
			url = DatabaseUrl.parse(value);
		}
		catch (InvalidDatabaseUrlException ex) {
			// the parser names DATABASE_URL; say which variable was actually read
			throw new InvalidDatabaseUrlException(ex.getMessage().replaceFirst("^DATABASE_URL", name));
		}
		if (url.pgbouncer()) {
			// Liquibase's lock and session state do not survive PgBouncer's transaction
			// mode
			throw new IllegalStateException(name + " has pgbouncer=true, but migrate needs a direct connection to "
					+ "PostgreSQL: set MIGRATION_DATABASE_URL to the server's own address");
		}
		Duration lockWait = Duration.ofSeconds(parseSeconds(this.environment.get("MIGRATION_LOCK_WAIT_SECONDS"), 300));
		return new Migrator(url.jdbcUrl(), url.jdbcProperties(), lockWait);
	}

	private int usage() {
		this.err.println(USAGE_TEXT);
		return USAGE;
	}

	private static long parseSeconds(String value, long fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		if (!value.matches("[0-9]{1,6}")) {
			throw new IllegalStateException("MIGRATION_LOCK_WAIT_SECONDS must be a whole number of seconds");
		}
		return Long.parseLong(value);
	}

}
