package io.inkwell.migrate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Runs the Liquibase changelog over JDBC. The one way the schema changes: used by the
 * {@code migrate} command, the dev-mode start and the test harness, always with the
 * changelog from the same classpath location so that the recorded file paths never
 * differ.
 * <p>
 * Concurrency: every operation first takes a PostgreSQL session advisory lock (polling,
 * so that a waiting runner holds no snapshot that {@code CREATE INDEX CONCURRENTLY} would
 * wait for). Two runners started together therefore run one after the other, and the
 * second finds nothing to do. Liquibase's own lock row has no timeout and stays set when
 * a runner is killed; because the server releases the advisory lock when the dead
 * runner's session ends, whoever holds the advisory lock knows that a set Liquibase lock
 * row is stale and clears it.
 * <p>
 * Blocking: this is JDBC. It never runs on an event-loop thread.
 */
public final class Migrator {

	/**
	 * Classpath location of the changelog root. The system property
	 * {@code inkwell.changelog} exists only for the rollout rehearsal test, which plays a
	 * release that adds a changeset; operators never set it.
	 */
	public static final String CHANGELOG = System.getProperty("inkwell.changelog", "liquibase/changelog.yaml");

	/**
	 * Advisory lock key shared by every Inkwell migration runner ("inkwell" in ASCII).
	 */
	static final long ADVISORY_LOCK_KEY = 0x696e6b77656c6cL;

	static {
		// Liquibase would otherwise try to send usage analytics and print a banner;
		// neither is wanted
		// in a job whose network may only reach the database.
		setIfAbsent("liquibase.analytics.enabled", "false");
		setIfAbsent("liquibase.showBanner", "false");
	}

	private final String jdbcUrl;

	private final Properties properties;

	private final Duration lockWait;

	/**
	 * @param jdbcUrl JDBC URL of the database (without credentials)
	 * @param properties JDBC properties, typically {@code user} and {@code password}
	 * @param lockWait how long to wait for another runner to finish before failing
	 */
	public Migrator(String jdbcUrl, Properties properties, Duration lockWait) {
		this.jdbcUrl = jdbcUrl;
		this.properties = properties;
		this.lockWait = lockWait;
	}

	/** Applies every pending changeset; returns the ids of those applied by this call. */
	public List<String> update() {
		return locked((liquibase) -> {
			List<String> pending = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression())
				.stream()
				.map(ChangeSet::getId)
				.toList();
			liquibase.update(new Contexts(), new LabelExpression());
			return pending;
		});
	}

	/** Applied and pending changesets, in changelog order. */
	public MigrationStatus status() {
		return locked((liquibase) -> {
			List<MigrationStatus.Applied> applied = liquibase.getDatabase()
				.getRanChangeSetList()
				.stream()
				.map(Migrator::toApplied)
				.toList();
			List<String> pending = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression())
				.stream()
				.map(ChangeSet::getId)
				.toList();
			return new MigrationStatus(applied, pending);
		});
	}

	/** Checks the changelog and the applied checksums; throws when they do not match. */
	public void validate() {
		locked((liquibase) -> {
			liquibase.validate();
			return null;
		});
	}

	/** Rolls back the last {@code count} applied changesets. */
	public void rollback(int count) {
		if (count < 1) {
			throw new IllegalArgumentException("rollback count must be at least 1, got " + count);
		}
		locked((liquibase) -> {
			liquibase.rollback(count, new Contexts(), new LabelExpression());
			return null;
		});
	}

	private <T> T locked(LiquibaseWork<T> work) {
		try (Connection connection = DriverManager.getConnection(this.jdbcUrl, this.properties)) {
			acquireAdvisoryLock(connection);
			clearStaleLiquibaseLock(connection);
			Database database = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			// Not closed through Liquibase: that would close the connection under the
			// advisory lock's feet;
			// closing the connection at the end of this block releases both.
			Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
			return work.run(liquibase);
		}
		catch (SQLException ex) {
			throw new MigrationException("database error: " + ex.getMessage(), ex);
		}
		catch (LiquibaseException ex) {
			throw new MigrationException(rootMessage(ex), ex);
		}
	}

	private void acquireAdvisoryLock(Connection connection) throws SQLException {
		connection.setAutoCommit(true);
		// Polls with pg_try_advisory_lock instead of waiting in pg_advisory_lock: a
		// waiting
		// statement holds a snapshot, and CREATE INDEX CONCURRENTLY in the running
		// migration
		// would wait for that snapshot forever.
		long deadline = System.nanoTime() + this.lockWait.toNanos();
		try (Statement statement = connection.createStatement()) {
			while (true) {
				try (ResultSet locked = statement
					.executeQuery("SELECT pg_try_advisory_lock(" + ADVISORY_LOCK_KEY + ")")) {
					locked.next();
					if (locked.getBoolean(1)) {
						return;
					}
				}
				if (System.nanoTime() > deadline) {
					throw new MigrationException("another migration has held the migration lock for longer than "
							+ this.lockWait.toSeconds() + "s; giving up", null);
				}
				sleep(Duration.ofMillis(250));
			}
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationException("interrupted while waiting for the migration lock", ex);
		}
	}

	private static void clearStaleLiquibaseLock(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet exists = statement.executeQuery("SELECT to_regclass('databasechangeloglock') IS NOT NULL")) {
			exists.next();
			if (!exists.getBoolean(1)) {
				return;
			}
		}
		try (Statement statement = connection.createStatement()) {
			int cleared = statement.executeUpdate(
					"UPDATE databasechangeloglock SET locked = FALSE, lockgranted = NULL, lockedby = NULL WHERE locked");
			if (cleared > 0) {
				System.Logger log = System.getLogger(Migrator.class.getName());
				log.log(System.Logger.Level.WARNING,
						"Cleared a stale Liquibase lock left by a runner that no longer holds the migration lock");
			}
		}
	}

	private static MigrationStatus.Applied toApplied(RanChangeSet ran) {
		return new MigrationStatus.Applied(ran.getId(), ran.getAuthor(), ran.getChangeLog(),
				ran.getDateExecuted() != null ? ran.getDateExecuted().toInstant() : null);
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return (ex.getMessage() != null && !ex.getMessage().equals(message)) ? ex.getMessage() + ": " + message
				: message;
	}

	private static void setIfAbsent(String name, String value) {
		if (System.getProperty(name) == null) {
			System.setProperty(name, value);
		}
	}

	@FunctionalInterface
	private interface LiquibaseWork<T> {

		T run(Liquibase liquibase) throws LiquibaseException, SQLException;

	}

}
