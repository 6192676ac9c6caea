package io.inkwell.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.migrate.DevDatabase;
import io.inkwell.migrate.Migrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL server of a test JVM, chosen as DESIGN.md says: the server at
 * {@code INKWELL_TEST_DATABASE_URL} if set, else a Testcontainers PostgreSQL 18 when a
 * Docker engine answers, else the embedded PostgreSQL 18 binaries. On that server each
 * JVM works in a database of its own, created empty and migrated once through the same
 * {@link Migrator} as the {@code migrate} command; it is dropped when the JVM exits.
 */
public final class TestDatabase {

	private static TestDatabase instance;

	private final String kind;

	/** The server's admin URL (its maintenance database). */
	private final DatabaseUrl server;

	private final DatabaseUrl database;

	private final Runnable stopServer;

	private TestDatabase(String kind, DatabaseUrl server, Runnable stopServer) {
		this.kind = kind;
		this.server = server;
		this.stopServer = stopServer;
		this.database = createDatabase("inkwell_test");
		new Migrator(this.database.jdbcUrl(), this.database.jdbcProperties(), Duration.ofMinutes(1)).update();
		Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "test-database-shutdown"));
	}

	/** The shared, migrated test database (started on first use). */
	public static synchronized TestDatabase get() {
		if (instance == null) {
			instance = start();
		}
		return instance;
	}

	private static TestDatabase start() {
		String external = System.getenv("INKWELL_TEST_DATABASE_URL");
		if (external != null && !external.isBlank()) {
			return new TestDatabase("external", DatabaseUrl.parse(external), () -> {
			});
		}
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:18-alpine");
			container.start();
			DatabaseUrl url = DatabaseUrl.parse("postgresql://" + container.getUsername() + ":"
					+ container.getPassword() + "@" + container.getHost() + ":" + container.getFirstMappedPort() + "/"
					+ container.getDatabaseName());
			return new TestDatabase("testcontainers", url, container::stop);
		}
		EmbeddedPostgres embedded;
		try {
			// zonky's shutdown hook stops it, and deletes its data, also should the
			// migration fail
			embedded = embedded().start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new TestDatabase("embedded", embeddedUrl(embedded), () -> {
			try {
				embedded.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * Zonky's builder for a throwaway server, also for tests that need a server of their
	 * own: dev mode's settings, without crash safety (zonky already turns fsync and
	 * synchronous_commit off), which makes the tests much faster, and a temporary data
	 * directory deleted on close.
	 */
	public static EmbeddedPostgres.Builder embedded() {
		return DevDatabase.embeddedServer().setServerConfig("full_page_writes", "off");
	}

	/** The superuser's URL of an embedded server's maintenance database. */
	private static DatabaseUrl embeddedUrl(EmbeddedPostgres embedded) {
		return DatabaseUrl.parse("postgresql://postgres@127.0.0.1:" + embedded.getPort() + "/postgres");
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Which server serves this JVM: {@code external}, {@code testcontainers} or
	 * {@code embedded}.
	 */
	public String kind() {
		return this.kind;
	}

	/** URL of the migrated test database, in {@code DATABASE_URL} form. */
	public String url() {
		return this.database.toUrlString();
	}

	public DatabaseUrl databaseUrl() {
		return this.database;
	}

	/** A JDBC connection to the test database, for fixtures and read-backs in tests. */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.database.jdbcUrl(), this.database.jdbcProperties());
	}

	/**
	 * A new, empty database on the same server (dropped at JVM exit), e.g. for migration
	 * tests.
	 */
	public DatabaseUrl createDatabase(String prefix) {
		String name = prefix + "_" + ProcessHandle.current().pid() + "_"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000000, Integer.MAX_VALUE));
		admin("CREATE DATABASE " + name);
		return this.server.withDatabase(name);
	}

	/**
	 * Drops a database made by {@link #createDatabase}, closing its remaining sessions
	 * first.
	 */
	public void dropDatabase(DatabaseUrl url) {
		admin("DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)");
	}

	private void admin(String sql) {
		try (Connection connection = DriverManager.getConnection(this.server.jdbcUrl(), this.server.jdbcProperties());
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + " failed: " + ex.getMessage(), ex);
		}
	}

	private void shutdown() {
		try {
			try (Connection connection = DriverManager.getConnection(this.server.jdbcUrl(),
					this.server.jdbcProperties()); Statement statement = connection.createStatement()) {
				// every database this JVM made carries its pid
				var rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '%\\_"
						+ ProcessHandle.current().pid() + "\\_%'");
				java.util.List<String> names = new java.util.ArrayList<>();
				while (rows.next()) {
					names.add(rows.getString(1));
				}
				for (String name : names) {
					statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
				}
			}
		}
		catch (SQLException ex) {
			// the server may already be gone; nothing left to clean then
		}
		finally {
			this.stopServer.run();
		}
	}

}
