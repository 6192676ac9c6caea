package io.inkwell.ops;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.inkwell.migrate.Migrator;
import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away and comes back, on the same port: requests fail fast with 503
 * during the outage, readiness is DOWN and liveness UP, and the service recovers by
 * itself. Each test has an embedded PostgreSQL of its own, whatever server the rest of
 * the suite uses.
 */
class DatabaseFaultIntegrationTests {

	@TempDir
	Path dataDirectory;

	Server postgres;

	TestApp app;

	@AfterEach
	void stop() throws IOException {
		if (this.app != null) {
			this.app.close();
		}
		if (this.postgres != null) {
			this.postgres.stop();
		}
	}

	@Test
	void failsFastDuringARestartAndRecoversWithoutRestartingTheApp() throws Exception {
		this.postgres = new Server(this.dataDirectory, 0);
		migrate(this.postgres);
		this.app = TestApp.start(this.postgres.databaseUrl("postgres"),
				"connection_limit=4&pool_timeout=2&connect_timeout=2");
		WebClient client = adminClient(this.app);
		assertThat(statuses(client, "/api/users?limit=5", 20)).containsOnly(200);
		assertThat(status(client, "/actuator/health/readiness")).isEqualTo(200);

		this.postgres.stop();
		List<Integer> during = statuses(client, "/api/users?limit=5", 20);
		assertThat(during).containsOnly(503);
		assertThat(status(client, "/actuator/health/readiness")).isEqualTo(503);
		assertThat(status(client, "/actuator/health/liveness")).isEqualTo(200);

		this.postgres.start();
		eventually("recovered", () -> status(client, "/api/users?limit=5") == 200);
		assertThat(statuses(client, "/api/users?limit=5", 20)).containsOnly(200);
		eventually("ready", () -> status(client, "/actuator/health/readiness") == 200);
	}

	@Test
	void recoversWhenEveryBackendIsKilled() throws Exception {
		this.postgres = new Server(this.dataDirectory, 0);
		migrate(this.postgres);
		this.app = TestApp.start(this.postgres.databaseUrl("postgres"), "connection_limit=4&pool_timeout=2");
		WebClient client = adminClient(this.app);
		assertThat(statuses(client, "/api/users?limit=5", 20)).containsOnly(200);
		try (Connection admin = DriverManager.getConnection(this.postgres.jdbcUrl());
				Statement statement = admin.createStatement()) {
			statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
					+ this.app.applicationName() + "'");
		}
		// the first requests may meet a dead connection (503), never a 500; then all is
		// well again
		List<Integer> after = statuses(client, "/api/users?limit=5", 20);
		assertThat(after).allSatisfy((status) -> assertThat(status).isIn(200, 503));
		eventually("all answered 200",
				() -> statuses(client, "/api/users?limit=5", 10).stream().allMatch((s) -> s == 200));
	}

	@Test
	void startsWithoutTheDatabaseAndBecomesReadyWhenItAppears() throws Exception {
		int port = freePort();
		this.app = TestApp.start("postgresql://postgres@127.0.0.1:" + port + "/postgres",
				"pool_timeout=2&connect_timeout=2");
		WebClient withoutDatabase = clientWithoutAccount(this.app);
		// probes send no token (with one, the account lookup would answer 503 first)
		WebClient probe = WebClient.create(this.app.baseUrl());
		assertThat(status(probe, "/actuator/health/readiness")).isEqualTo(503);
		assertThat(status(probe, "/actuator/health/liveness")).isEqualTo(200);
		assertThat(status(withoutDatabase, "/api/users?limit=1")).isEqualTo(503);

		this.postgres = new Server(this.dataDirectory, port);
		migrate(this.postgres);
		eventually("ready", () -> status(probe, "/actuator/health/readiness") == 200);
		WebClient client = adminClient(this.app);
		assertThat(client.post()
			.uri("/api/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", "late-" + UUID.randomUUID() + "@test.example", "name", "Late"))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(30))).isEqualTo(201);
	}

	/**
	 * The user list and user creation are ADMIN-only: an ADMIN written into the
	 * application's database (which must answer).
	 */
	private static WebClient adminClient(TestApp app) {
		return WebClient.builder()
			.baseUrl(app.baseUrl())
			.defaultHeader(HttpHeaders.AUTHORIZATION, Tokens.adminIn(app.context()))
			.build();
	}

	/**
	 * An ADMIN token whose account does not exist, for while there is no database: the
	 * account lookup of every authenticated request answers 503 then.
	 */
	private static WebClient clientWithoutAccount(TestApp app) {
		return WebClient.builder()
			.baseUrl(app.baseUrl())
			.defaultHeader(HttpHeaders.AUTHORIZATION, Tokens.of(app.context()).adminWithoutAccount())
			.build();
	}

	private static void migrate(Server postgres) {
		new Migrator(postgres.jdbcUrl(), new Properties(), Duration.ofMinutes(1)).update();
	}

	/**
	 * An embedded PostgreSQL of the test's own that can stop and start again on the same
	 * port and data: zonky's server keeps its data directory on close, and the builder
	 * its port.
	 */
	static final class Server {

		private final EmbeddedPostgres.Builder builder;

		private EmbeddedPostgres running;

		private int port;

		Server(Path dataDirectory, int port) throws IOException {
			this.builder = TestDatabase.embedded()
				.setDataDirectory(dataDirectory.resolve("pg"))
				.setCleanDataDirectory(false)
				.setPort(port);
			start();
		}

		void start() throws IOException {
			this.running = this.builder.start();
			this.port = this.running.getPort();
			this.builder.setPort(this.port);
		}

		void stop() throws IOException {
			if (this.running != null) {
				this.running.close();
				this.running = null;
			}
		}

		String databaseUrl(String database) {
			return "postgresql://postgres@127.0.0.1:" + this.port + "/" + database;
		}

		String jdbcUrl() {
			return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres?user=postgres";
		}

	}

	private static int status(WebClient client, String path) {
		return client.get()
			.uri(path)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(30));
	}

	private static List<Integer> statuses(WebClient client, String path, int count) {
		return Flux.range(0, count)
			.flatMap(
					(i) -> client.get()
						.uri(path)
						.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())),
					8)
			.collectList()
			.block(Duration.ofSeconds(60));
	}

	/** Polls for up to 20 s: recovery must come by itself within seconds. */
	private static void eventually(String what, Callable<Boolean> condition) {
		await().alias(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(condition);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
