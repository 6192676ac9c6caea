package io.inkwell.k8s;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.support.ServerUser;
import io.inkwell.support.TestDatabase;

/**
 * A PostgreSQL server and client tools that fit each other, for running the backup
 * scripts: pg_dump refuses a server of a newer major version. The client tools are looked
 * up on the PATH and in the usual installation directories; the newest wins. When they
 * are at least the version of the test harness's server, that server is used. Otherwise
 * (the embedded PostgreSQL 18 binaries have no pg_dump, and this machine's client tools
 * are 15) a scratch server is started from the server binaries installed beside those
 * tools, and stopped by {@link #close()}. With neither, {@link #find()} says why, and the
 * tests are skipped loudly.
 */
final class BackupPostgres implements AutoCloseable {

	private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

	private final Path bin;

	private final int toolsMajor;

	private final DatabaseUrl server;

	private final String description;

	private final Path scratch;

	private boolean closed;

	private BackupPostgres(Path bin, int toolsMajor, DatabaseUrl server, String description, Path scratch) {
		this.bin = bin;
		this.toolsMajor = toolsMajor;
		this.server = server;
		this.description = description;
		this.scratch = scratch;
	}

	/** A matching server and tools, or the reason there are none. */
	static Result find() {
		List<Tools> tools = candidates().stream()
			.map(BackupPostgres::tools)
			.flatMap(Optional::stream)
			.sorted(Comparator.comparingInt(Tools::major).reversed())
			.toList();
		if (tools.isEmpty()) {
			return new Result(null, "no pg_dump, pg_restore, createdb and dropdb found on the PATH or in "
					+ "/usr/lib/postgresql/*/bin; install the PostgreSQL client tools");
		}
		Tools newest = tools.get(0);
		DatabaseUrl harness = TestDatabase.get().databaseUrl();
		int serverMajor = serverMajor(harness);
		if (newest.major() >= serverMajor) {
			return new Result(
					new BackupPostgres(newest.bin(), newest.major(), harness,
							"the test server (PostgreSQL " + serverMajor + ") with the tools in " + newest.bin(), null),
					null);
		}
		for (Tools candidate : tools) {
			if (Stream.of("initdb", "pg_ctl", "postgres")
				.allMatch((name) -> Files.isExecutable(candidate.bin().resolve(name)))) {
				return new Result(scratch(candidate), null);
			}
		}
		return new Result(null,
				"the newest pg_dump here is " + newest.major() + " (" + newest.bin()
						+ "), older than the test server's PostgreSQL " + serverMajor
						+ ", and no server binaries of that version were found to start one");
	}

	record Result(BackupPostgres postgres, String whyNot) {
	}

	private record Tools(Path bin, int major) {
	}

	/**
	 * The directory the scripts must find pg_dump and friends in (put first on their
	 * PATH).
	 */
	Path bin() {
		return this.bin;
	}

	int toolsMajor() {
		return this.toolsMajor;
	}

	String description() {
		return this.description;
	}

	/** A new database on the server. */
	DatabaseUrl createDatabase(String prefix) {
		String name = uniqueName(prefix);
		admin("CREATE DATABASE " + name);
		return this.server.withDatabase(name);
	}

	/**
	 * A database name nobody uses, shaped like the harness's so that it is dropped at JVM
	 * exit.
	 */
	static String uniqueName(String prefix) {
		return prefix + "_" + ProcessHandle.current().pid() + "_"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000000, Integer.MAX_VALUE));
	}

	DatabaseUrl database(String name) {
		return this.server.withDatabase(name);
	}

	void dropDatabase(String name) {
		admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
	}

	boolean exists(String name) {
		try (Connection connection = connect(this.server);
				var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			statement.setString(1, name);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The libpq environment the scripts connect with, for a database of this server. */
	Map<String, String> libpqEnvironment(DatabaseUrl database) {
		Map<String, String> environment = new java.util.LinkedHashMap<>();
		environment.put("PGHOST", database.host());
		environment.put("PGPORT", String.valueOf(database.port()));
		environment.put("PGDATABASE", database.database());
		environment.put("PGUSER", (database.user() != null) ? database.user() : "postgres");
		if (database.password() != null) {
			environment.put("PGPASSWORD", database.password());
		}
		environment.put("PGSSLMODE", database.sslMode());
		return environment;
	}

	static Connection connect(DatabaseUrl url) throws SQLException {
		return java.sql.DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties());
	}

	private void admin(String sql) {
		try (Connection connection = connect(this.server); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + " failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public synchronized void close() {
		if (this.scratch == null || this.closed) {
			return;
		}
		this.closed = true;
		Path data = this.scratch.resolve("data");
		run(this.scratch,
				List.of(this.bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
		deleteRecursively(this.scratch);
	}

	private static BackupPostgres scratch(Tools tools) {
		try {
			Path directory = Files.createTempDirectory("inkwell-backup-pg-");
			if (ServerUser.isRoot()) {
				// PostgreSQL refuses to run as root; run it as nobody
				Files.setAttribute(directory, "unix:uid", ServerUser.NOBODY, LinkOption.NOFOLLOW_LINKS);
				Files.setAttribute(directory, "unix:gid", ServerUser.NOBODY, LinkOption.NOFOLLOW_LINKS);
			}
			Path data = directory.resolve("data");
			int port = freePort();
			run(directory, List.of(tools.bin().resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U",
					"postgres", "-E", "UTF8", "--no-locale", "--no-sync"));
			run(directory, List.of(tools.bin().resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
					directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
					"-p " + port + " -c listen_addresses=127.0.0.1 -k " + directory + " -c fsync=off", "start"));
			DatabaseUrl server = DatabaseUrl
				.parse("postgresql://postgres@127.0.0.1:" + port + "/postgres?sslmode=disable");
			BackupPostgres postgres = new BackupPostgres(tools.bin(), tools.major(), server,
					"a scratch PostgreSQL " + tools.major() + " started from " + tools.bin()
							+ " (the test server is newer than every pg_dump here)",
					directory);
			// should the tests never reach close(), the JVM's exit still stops the server
			Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "backup-postgres-shutdown"));
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void run(Path directory, List<String> command) {
		ServerUser.run(directory, command, Duration.ofSeconds(120));
	}

	private static Set<Path> candidates() {
		Set<Path> directories = new LinkedHashSet<>();
		String path = System.getenv("PATH");
		if (path != null) {
			Stream.of(path.split(File.pathSeparator))
				.filter((entry) -> !entry.isBlank())
				.forEach((entry) -> directories.add(Path.of(entry)));
		}
		for (Path root : List.of(Path.of("/usr/lib/postgresql"), Path.of("/usr/local/pgsql"))) {
			if (Files.isDirectory(root)) {
				try (Stream<Path> versions = Files.list(root)) {
					versions.forEach((version) -> directories.add(version.resolve("bin")));
				}
				catch (IOException ex) {
					// an unreadable directory just offers no tools
				}
			}
		}
		return directories;
	}

	private static Optional<Tools> tools(Path directory) {
		if (!Stream.of("pg_dump", "pg_restore", "createdb", "dropdb")
			.allMatch((name) -> Files.isExecutable(directory.resolve(name)))) {
			return Optional.empty();
		}
		try {
			// a symlink in /usr/bin (Debian's pg_wrapper) may point elsewhere; use the
			// real directory
			Path real = directory.resolve("pg_dump").toRealPath().getParent();
			Process process = new ProcessBuilder(real.resolve("pg_dump").toString(), "--version")
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(30, TimeUnit.SECONDS);
			Matcher matcher = VERSION.matcher(output);
			return matcher.find() ? Optional.of(new Tools(real, Integer.parseInt(matcher.group(1)))) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	private static int serverMajor(DatabaseUrl url) {
		try (Connection connection = connect(url);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SHOW server_version_num")) {
			rows.next();
			return Integer.parseInt(rows.getString(1)) / 10000;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

	static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
