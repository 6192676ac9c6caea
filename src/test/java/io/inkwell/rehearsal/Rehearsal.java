package io.inkwell.rehearsal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.inkwell.InkwellApplication;
import io.inkwell.db.DatabaseUrl;
import io.inkwell.support.TestDatabase;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One machine playing a Kubernetes namespace: a fresh database on the test server,
 * {@code migrate} processes (the init container or Job) and server processes (the pods),
 * each a separate JVM started from the test class path exactly as the image starts them,
 * each with its own {@code application_name} so that its connections can be found in
 * {@code pg_stat_activity}. {@link #close()} kills whatever still runs and drops the
 * database.
 */
final class Rehearsal implements AutoCloseable {

	/** The pool size of every server process ({@code connection_limit}). */
	static final int CONNECTION_LIMIT = 4;

	/**
	 * The next release's changelog: today's plus one expand-only changeset (test
	 * resources).
	 */
	static final String NEXT_CHANGELOG = "liquibase/changelog-rehearsal.yaml";

	private static final Duration READY_WITHIN = Duration.ofSeconds(120);

	/**
	 * Longer than the graceful-shutdown timeout (20 s), like
	 * terminationGracePeriodSeconds.
	 */
	private static final Duration EXIT_WITHIN = Duration.ofSeconds(40);

	final String run = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000, 0x10000000));

	final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	/**
	 * The {@code JWT_SECRET} of every pod (production mode refuses to start without one);
	 * one value for all of them, as the Deployment's Secret gives it, so a token works on
	 * any pod.
	 */
	final String jwtSecret = java.util.Base64.getEncoder().encodeToString(io.inkwell.security.JwtSecret.generate());

	private final DatabaseUrl database;

	private final Path logs;

	private final List<Pod> pods = new CopyOnWriteArrayList<>();

	private final Map<String, Integer> mostConnections = new ConcurrentHashMap<>();

	Rehearsal(Path logs) {
		this.logs = logs;
		this.database = TestDatabase.get().createDatabase("rehearsal");
	}

	/**
	 * Runs {@code migrate} with today's or the next release's changelog; returns its
	 * output.
	 */
	String migrate(Optional<String> changelog) throws IOException, InterruptedException {
		Path log = this.logs.resolve("migrate-" + System.nanoTime() + ".log");
		Process process = java(changelog, Map.of("MIGRATION_DATABASE_URL", url("migrate").toUrlString()), log,
				"migrate");
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("migrate did not finish in 120 s:\n" + Files.readString(log));
		}
		String output = Files.readString(log);
		if (process.exitValue() != 0) {
			throw new AssertionError("migrate exited with " + process.exitValue() + ":\n" + output);
		}
		return output;
	}

	/**
	 * {@code Authorization} value of an ADMIN (with no account: the pods' database has
	 * none), signed with the pods' {@link #jwtSecret} the way the application signs its
	 * tokens.
	 */
	String adminToken() {
		// every request's account is looked up: the ADMIN must exist in the pods'
		// database (migrated by then)
		java.util.UUID admin = io.inkwell.db.Ids.next();
		io.inkwell.support.Sql.on(this.database)
			.execute("INSERT INTO users (id, email, name, role) VALUES (?, ?, 'Rehearsal admin', 'ADMIN')", admin,
					"rehearsal-admin-" + admin + "@example.com");
		javax.crypto.SecretKey key = new javax.crypto.spec.SecretKeySpec(
				this.jwtSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256");
		org.springframework.security.oauth2.jwt.JwtEncoder encoder = org.springframework.security.oauth2.jwt.NimbusJwtEncoder
			.withSecretKey(key)
			.algorithm(org.springframework.security.oauth2.jose.jws.MacAlgorithm.HS256)
			.build();
		java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		org.springframework.security.oauth2.jwt.JwtClaimsSet claims = org.springframework.security.oauth2.jwt.JwtClaimsSet
			.builder()
			.issuer(io.inkwell.security.TokenIssuer.ISSUER)
			.subject(admin.toString())
			.claim(io.inkwell.security.TokenIssuer.ROLE_CLAIM, "ADMIN")
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofHours(1)))
			.build();
		org.springframework.security.oauth2.jwt.JwsHeader header = org.springframework.security.oauth2.jwt.JwsHeader
			.with(org.springframework.security.oauth2.jose.jws.MacAlgorithm.HS256)
			.type("JWT")
			.build();
		return "Bearer "
				+ encoder.encode(org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(header, claims))
					.getTokenValue();
	}

	/** Starts a server process (a pod) on a free port; it is not in any rotation yet. */
	Pod start(String name, Optional<String> changelog) throws IOException {
		int port = freePort();
		Path log = this.logs.resolve(name + ".log");
		Process process = java(changelog, Map.of("DATABASE_URL", url(name).toUrlString(), "PORT", String.valueOf(port),
				"JWT_SECRET", this.jwtSecret), log);
		Pod pod = new Pod(name, port, process, log);
		this.pods.add(pod);
		return pod;
	}

	/**
	 * Waits until the pod's readiness probe answers 200 (bounded), failing early if it
	 * dies.
	 */
	void awaitReady(Pod pod) {
		long deadline = System.nanoTime() + READY_WITHIN.toNanos();
		while (readiness(pod).map(HttpResponse::statusCode).orElse(0) != 200) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(pod + " not ready within " + READY_WITHIN + ":\n" + pod.logTail());
			}
			pod.awaitExit(Duration.ofMillis(200));
			if (!pod.process().isAlive()) {
				throw new AssertionError(pod + " exited with " + pod.process().exitValue() + ":\n" + pod.logTail());
			}
		}
	}

	/** The pod's readiness answer, or empty while it does not listen yet. */
	Optional<HttpResponse<String>> readiness(Pod pod) {
		try {
			return Optional.of(this.http.send(HttpRequest.newBuilder(pod.uri("/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * SIGTERM, as the kubelet sends after the preStop hook; waits for the graceful exit.
	 */
	void terminate(Pod pod) {
		pod.process().destroy();
		if (!pod.awaitExit(EXIT_WITHIN)) {
			throw new AssertionError(pod + " still runs " + EXIT_WITHIN + " after SIGTERM:\n" + pod.logTail());
		}
	}

	/**
	 * Sessions of this rehearsal's processes in pg_stat_activity, by application_name.
	 */
	Map<String, Integer> connections() {
		Map<String, Integer> sessions = new ConcurrentHashMap<>();
		try (Connection connection = DriverManager.getConnection(url("observer").jdbcUrl(),
				this.database.jdbcProperties()); PreparedStatement statement = connection.prepareStatement("""
						SELECT application_name, count(*) FROM pg_stat_activity
						WHERE application_name LIKE ? GROUP BY application_name
						""")) {
			statement.setString(1, "rehearsal-" + this.run + "-%");
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					sessions.put(rows.getString(1), rows.getInt(2));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		sessions.forEach((name, count) -> this.mostConnections.merge(name, count, Math::max));
		return sessions;
	}

	/** The most sessions seen per application_name by {@link #connections()}. */
	Map<String, Integer> mostConnections() {
		return Map.copyOf(this.mostConnections);
	}

	/** Waits (bounded) until no process of this rehearsal holds a session any more. */
	Map<String, Integer> awaitNoConnections(Duration within) {
		// a backend leaves pg_stat_activity a moment after its client closed the socket
		try {
			return Awaitility.await()
				.atMost(within)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(100))
				.until(this::connections, Map::isEmpty);
		}
		catch (ConditionTimeoutException ex) {
			return connections();
		}
	}

	boolean columnExists(String table, String column) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url("observer").jdbcUrl(),
				this.database.jdbcProperties());
				PreparedStatement statement = connection.prepareStatement(
						"SELECT 1 FROM information_schema.columns WHERE table_name = ? AND column_name = ?")) {
			statement.setString(1, table);
			statement.setString(2, column);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next();
			}
		}
	}

	/**
	 * Waits (bounded) for a condition that the load generator signals on {@code monitor}.
	 */
	static void await(Object monitor, String what, Duration within, BooleanSupplier condition) {
		long deadline = System.nanoTime() + within.toNanos();
		synchronized (monitor) {
			while (!condition.getAsBoolean()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("timed out after " + within + " waiting for " + what);
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(monitor, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	@Override
	public void close() {
		for (Pod pod : this.pods) {
			if (pod.process().isAlive()) {
				pod.process().destroyForcibly();
				pod.awaitExit(Duration.ofSeconds(10));
			}
		}
		TestDatabase.get().dropDatabase(this.database);
	}

	private DatabaseUrl url(String process) {
		DatabaseUrl base = this.database;
		return new DatabaseUrl(base.user(), base.password(), base.host(), base.port(), base.database(),
				process.equals("migrate") || process.equals("observer") ? 1 : CONNECTION_LIMIT, base.poolTimeout(),
				base.sslMode(), base.pgbouncer(), base.schema(), base.connectTimeout(),
				(process.equals("observer") ? "observer-" : "rehearsal-") + this.run + "-" + process,
				base.statementTimeout());
	}

	private static Process java(Optional<String> changelog, Map<String, String> environment, Path log, String... args)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// start-up speed over peak performance: these JVMs live for seconds
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Xmx256m");
		changelog.ifPresent((file) -> command.add("-Dinkwell.changelog=" + file));
		command.add("-cp");
		command.add(classPath());
		command.add(InkwellApplication.class.getName());
		command.addAll(Arrays.asList(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment()
			.keySet()
			.removeIf((name) -> name.equals("DATABASE_URL") || name.equals("MIGRATION_DATABASE_URL")
					|| name.equals("PORT") || name.equals("JAVA_TOOL_OPTIONS"));
		builder.environment().putAll(environment);
		return builder.start();
	}

	/**
	 * The test JVM's class path without empty entries (which would add the working
	 * directory).
	 */
	private static String classPath() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank() && !entry.equals("."))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A server process: what a pod is to Kubernetes. */
	record Pod(String name, int port, Process process, Path logFile) {

		URI uri(String path) {
			return URI.create("http://127.0.0.1:" + this.port + path);
		}

		boolean awaitExit(Duration within) {
			try {
				return this.process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		String log() {
			try {
				return Files.readString(this.logFile, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return "(no log: " + ex.getMessage() + ")";
			}
		}

		String logTail() {
			List<String> lines = log().lines().toList();
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}

		@Override
		public String toString() {
			return this.name + " (port " + this.port + ")";
		}

	}

}
