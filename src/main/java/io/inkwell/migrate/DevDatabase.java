package io.inkwell.migrate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import io.inkwell.embedded.EmbeddedPostgres;
import io.inkwell.seed.DemoSeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The dev default (no {@code DATABASE_URL}): an embedded PostgreSQL 18 whose data survives
 * restarts, the changelog applied at start (the {@code migrate dev} of the guides) and the demo
 * seed loaded. Runs on the main thread before the server starts; the embedded server is stopped
 * after the connection pool when the application context closes.
 */
public final class DevDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Logger log = LoggerFactory.getLogger(DevDatabase.class);

	static final String DATABASE = "inkwell";

	private final EmbeddedPostgres postgres;

	private DevDatabase(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Starts the embedded server, applies the changelog and the demo seed.
	 * @param environment the process environment ({@code INKWELL_DEV_DATA_DIR},
	 * {@code INKWELL_DEV_DB_PORT})
	 */
	public static DevDatabase start(Map<String, String> environment) {
		Path dataDirectory = Path.of(environment.getOrDefault("INKWELL_DEV_DATA_DIR",
				Path.of(System.getProperty("java.io.tmpdir"), "inkwell-dev", "pg18").toString()));
		int port = Integer.parseInt(environment.getOrDefault("INKWELL_DEV_DB_PORT", "0"));
		EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDirectory, port);
		try {
			ensureDatabase(postgres);
			new Migrator(postgres.jdbcUrl(DATABASE), new Properties(), Duration.ofMinutes(1)).update();
			try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(DATABASE))) {
				if (DemoSeed.apply(connection)) {
					log.info("Loaded the demo seed");
				}
			}
			return new DevDatabase(postgres);
		}
		catch (SQLException | RuntimeException ex) {
			postgres.close();
			throw new IllegalStateException("dev database could not be prepared: " + ex.getMessage(), ex);
		}
	}

	/** The URL the application connects to. */
	public String databaseUrl() {
		return this.postgres.databaseUrl(DATABASE);
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("inkwell-dev-database", Map.of("inkwell.db.url", databaseUrl())));
		context.addApplicationListener((event) -> {
			if (event instanceof ApplicationReadyEvent ready) {
				printWelcome(ready.getApplicationContext().getEnvironment().getProperty("local.server.port"));
			}
		});
		// registered before any bean, so destroyed after all of them: the pool closes first
		((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("embeddedPostgres",
				this.postgres::close);
	}

	private void printWelcome(String port) {
		String base = "http://localhost:" + port;
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
				""", base, base, base, base, base, base, databaseUrl(), DemoSeed.DEMO_PASSWORD, base);
	}

	private static void ensureDatabase(EmbeddedPostgres postgres) throws SQLException {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"));
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, DATABASE);
			try (ResultSet rows = exists.executeQuery()) {
				if (rows.next()) {
					return;
				}
			}
		}
		postgres.createDatabase(DATABASE);
	}

}
