package io.inkwell.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import io.inkwell.migrate.Migrator;
import org.junit.jupiter.api.Assumptions;

/**
 * A private PostgreSQL primary and a streaming replica of it, made from this machine's
 * PostgreSQL 15 server tools ({@code /usr/lib/postgresql/15/bin}): {@code initdb} with
 * {@code wal_level=replica} (initdb's pg_hba.conf already lets local replication
 * connections in), then {@code pg_basebackup -R}, which writes {@code standby.signal} and
 * {@code primary_conninfo}. The primary's database {@value #DATABASE} is migrated. Runs
 * as {@code nobody} when the JVM is root. Without the tools, {@link #startOrSkip} skips
 * the calling test and says so (fails under {@code CI=true}).
 */
public final class StreamingReplica implements AutoCloseable {

	public static final String DATABASE = "inkwell";

	private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

	private final Path directory;

	private final int primaryPort;

	private final int replicaPort;

	private boolean replicaRunning;

	private StreamingReplica(Path directory, int primaryPort, int replicaPort) {
		this.directory = directory;
		this.primaryPort = primaryPort;
		this.replicaPort = replicaPort;
	}

	public static StreamingReplica startOrSkip() {
		if (!Stream.of("initdb", "pg_ctl", "postgres", "pg_basebackup")
			.allMatch((tool) -> Files.isExecutable(BIN.resolve(tool)))) {
			String why = "no PostgreSQL server tools (initdb, pg_ctl, postgres, pg_basebackup) in " + BIN
					+ ": install postgresql-15 to run the read-replica tests";
			if ("true".equals(System.getenv("CI"))) {
				throw new AssertionError(why + " (CI=true: missing tools fail the run)");
			}
			Assumptions.abort(why);
		}
		try {
			Path directory = Files.createTempDirectory("inkwell-replica-");
			if (ServerUser.isRoot()) {
				Files.setAttribute(directory, "unix:uid", ServerUser.NOBODY, LinkOption.NOFOLLOW_LINKS);
				Files.setAttribute(directory, "unix:gid", ServerUser.NOBODY, LinkOption.NOFOLLOW_LINKS);
			}
			StreamingReplica pair = new StreamingReplica(directory, PgBouncer.freePort(), PgBouncer.freePort());
			Runtime.getRuntime().addShutdownHook(new Thread(pair::close, "streaming-replica-shutdown"));
			pair.startPrimary();
			pair.makeReplica();
			pair.startReplica();
			return pair;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void startPrimary() throws IOException {
		Path data = this.directory.resolve("primary");
		run(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres", "-E",
				"UTF8", "--no-locale", "--no-sync"));
		run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
				this.directory.resolve("primary.log").toString(), "-w", "-t", "120", "-o",
				options(this.primaryPort) + " -c wal_level=replica -c max_wal_senders=4 -c wal_keep_size=256MB",
				"start"));
		try (Connection connection = connect(this.primaryPort, "postgres");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + DATABASE);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		new Migrator(jdbcUrl(this.primaryPort, DATABASE), new Properties(), Duration.ofMinutes(1)).update();
	}

	private void makeReplica() {
		run(List.of(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(this.primaryPort),
				"-U", "postgres", "-D", this.directory.resolve("replica").toString(), "-R", "-X", "stream", "-c",
				"fast", "--no-sync"));
	}

	/** Starts the replica (again) and waits until it accepts connections. */
	public synchronized void startReplica() {
		run(List.of(BIN.resolve("pg_ctl").toString(), "-D", this.directory.resolve("replica").toString(), "-l",
				this.directory.resolve("replica.log").toString(), "-w", "-t", "120", "-o",
				options(this.replicaPort) + " -c hot_standby=on", "start"));
		this.replicaRunning = true;
	}

	/** Stops the replica at once ({@code -m immediate}): its connections break. */
	public synchronized void stopReplica() {
		if (this.replicaRunning) {
			this.replicaRunning = false;
			run(List.of(BIN.resolve("pg_ctl").toString(), "-D", this.directory.resolve("replica").toString(), "-m",
					"immediate", "-w", "stop"));
		}
	}

	private String options(int port) {
		return "-p " + port + " -c listen_addresses=127.0.0.1 -k " + this.directory
				+ " -c fsync=off -c full_page_writes=off -c max_connections=60";
	}

	/** The primary's {@value #DATABASE} database, in DATABASE_URL form. */
	public String primaryUrl() {
		return "postgresql://postgres@127.0.0.1:" + this.primaryPort + "/" + DATABASE + "?sslmode=disable";
	}

	/** The replica's {@value #DATABASE} database, in DATABASE_URL form. */
	public String replicaUrl() {
		return "postgresql://postgres@127.0.0.1:" + this.replicaPort + "/" + DATABASE + "?sslmode=disable";
	}

	public Connection connectPrimary() throws SQLException {
		return connect(this.primaryPort, DATABASE);
	}

	public Connection connectReplica() throws SQLException {
		return connect(this.replicaPort, DATABASE);
	}

	/**
	 * Runs one statement on the replica and returns the first column of its first row.
	 */
	public String onReplica(String sql) throws SQLException {
		try (Connection connection = connectReplica();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			return rows.next() ? rows.getString(1) : null;
		}
	}

	private static Connection connect(int port, String database) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(port, database));
	}

	private static String jdbcUrl(int port, String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres&sslmode=disable";
	}

	@Override
	public synchronized void close() {
		if (!Files.exists(this.directory)) {
			return;
		}
		for (String data : List.of("replica", "primary")) {
			if (Files.exists(this.directory.resolve(data).resolve("postmaster.pid"))) {
				run(List.of(BIN.resolve("pg_ctl").toString(), "-D", this.directory.resolve(data).toString(), "-m",
						"immediate", "-w", "stop"));
			}
		}
		this.replicaRunning = false;
		try (Stream<Path> paths = Files.walk(this.directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			// a temporary directory left behind is harmless
		}
	}

	private void run(List<String> command) {
		ServerUser.run(this.directory, command, Duration.ofSeconds(180));
	}

}
