package io.inkwell.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.inkwell.migrate.MigrateCommand;
import io.inkwell.support.PgBouncer;
import io.inkwell.support.Sql;
import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.R2dbcException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The application through a real PgBouncer in transaction pooling mode, with the shipped
 * pgbouncer.ini's settings ({@link PgBouncer}). The application connects as a role of its
 * own whose {@code statement_timeout} is set on the role, the way the docs tell platform
 * teams to do it (the driver sends no such start-up parameter behind PgBouncer). One
 * PgBouncer and one application for the class; skipped, and said so, without a pgbouncer
 * binary (failed under {@code CI=true}).
 */
class PgBouncerIntegrationTests {

	private static final String ROLE = "inkwell_pgb_" + ProcessHandle.current().pid();

	// the application's role: long enough for the flows below on a busy machine
	private static final int STATEMENT_TIMEOUT_MS = 30_000;

	// a second role with a short timeout, to see the server enforce a role's timeout
	private static final String SHORT_ROLE = ROLE + "_short";

	static PgBouncer pgbouncer;

	static TestApp app;

	static WebClient client;

	@BeforeAll
	static void start() {
		DatabaseUrl database = TestDatabase.get().databaseUrl();
		for (String role : List.of(ROLE, SHORT_ROLE)) {
			Sql.execute("DROP ROLE IF EXISTS " + role);
			Sql.execute("CREATE ROLE " + role + " LOGIN SUPERUSER");
		}
		Sql.execute("ALTER ROLE " + ROLE + " IN DATABASE " + database.database() + " SET statement_timeout = '"
				+ STATEMENT_TIMEOUT_MS + "ms'");
		Sql.execute("ALTER ROLE " + SHORT_ROLE + " IN DATABASE " + database.database()
				+ " SET statement_timeout = '500ms'");
		pgbouncer = PgBouncer.startOrSkip(database, List.of(ROLE, SHORT_ROLE));
		app = TestApp.start(pgbouncer.url(ROLE, database.database()),
				"connection_limit=10&pool_timeout=30&connect_timeout=5&statement_timeout=" + STATEMENT_TIMEOUT_MS);
		client = app.independentClient()
			.mutate()
			.defaultHeader(HttpHeaders.AUTHORIZATION, Tokens.of(app.context()).admin())
			.build();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (pgbouncer != null) {
			pgbouncer.close();
		}
		for (String role : List.of(ROLE, SHORT_ROLE)) {
			Sql.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = ?", role);
			Sql.execute("DROP ROLE IF EXISTS " + role);
		}
	}

	@Test
	void startupParametersPgBouncerDoesNotTrackAreRefusedSoTheDriverSendsNone() {
		// the trap: the driver's statementTimeout is a start-up parameter
		PostgresqlConnectionFactory withTimeout = new PostgresqlConnectionFactory(
				PostgresqlConnectionConfiguration.builder()
					.host("127.0.0.1")
					.port(pgbouncer.port())
					.username(ROLE)
					.database(TestDatabase.get().databaseUrl().database())
					.statementTimeout(Duration.ofSeconds(5))
					.build());
		assertThatThrownBy(() -> withTimeout.create().block(Duration.ofSeconds(10))).isInstanceOf(R2dbcException.class)
			.hasMessageContaining("unsupported startup parameter");
	}

	@Test
	void theRolesStatementTimeoutAppliesThroughPgBouncerAndTheApplicationNameIsKept() {
		DatabaseClient db = app.context().getBean(DatabaseClient.class);
		assertThat(
				db.sql("/* PgBouncerIntegrationTests.statementTimeout */ SELECT current_setting('statement_timeout')")
					.map((row) -> row.get(0, String.class))
					.one()
					.block(Duration.ofSeconds(10)))
			.isEqualTo("30s");
		assertThat(db.sql("/* PgBouncerIntegrationTests.applicationName */ SELECT current_setting('application_name')")
			.map((row) -> row.get(0, String.class))
			.one()
			.block(Duration.ofSeconds(10))).isEqualTo(app.applicationName());
		// the server enforces a role's timeout through PgBouncer (a plain driver
		// connection, configured as the application's with pgbouncer=true)
		PostgresqlConnectionFactory shortTimeout = new PostgresqlConnectionFactory(
				PostgresqlConnectionConfiguration.builder()
					.host("127.0.0.1")
					.port(pgbouncer.port())
					.username(SHORT_ROLE)
					.database(TestDatabase.get().databaseUrl().database())
					.preparedStatementCacheQueries(0)
					.build());
		long start = System.nanoTime();
		assertThatThrownBy(() -> Mono
			.usingWhen(shortTimeout.create(),
					(connection) -> Mono.from(connection.createStatement("SELECT pg_sleep(10)").execute())
						.flatMap((result) -> Mono.from(result.getRowsUpdated())),
					(connection) -> connection.close())
			.block(Duration.ofSeconds(20))).hasMessageContaining("statement timeout");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
		assertThat(db.sql("/* PgBouncerIntegrationTests.role */ SELECT current_user")
			.map((row) -> row.get(0, String.class))
			.one()
			.block(Duration.ofSeconds(10))).isEqualTo(ROLE);
	}

	@Test
	void readsAndWritesThroughTheApi() {
		String email = "pgb-" + UUID.randomUUID() + "@test.example";
		Map<?, ?> created = client.post()
			.uri("/api/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "name", "Through PgBouncer"))
			.retrieve()
			.bodyToMono(Map.class)
			.block(Duration.ofSeconds(30));
		String id = (String) created.get("id");
		assertThat(
				client.get().uri("/api/users/{id}", id).retrieve().bodyToMono(Map.class).block(Duration.ofSeconds(30)))
			.containsEntry("email", email);
		assertThat(status(client.patch()
			.uri("/api/users/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Renamed")))).isEqualTo(200);
		assertThat(Sql.string("SELECT name FROM users WHERE id = CAST(? AS uuid)", id)).isEqualTo("Renamed");
		assertThat(status(client.get().uri("/api/users?limit=5"))).isEqualTo(200);
		assertThat(status(client.get().uri("/api/posts?limit=5"))).isEqualTo(200);
	}

	@Test
	void transfersKeepTheTotalUnderConcurrency() {
		long initial = 1_000;
		List<UUID> users = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			UUID id = Ids.next();
			Sql.execute("INSERT INTO users (id, email, name, credits) VALUES (?, ?, 'PgBouncer transfer', ?)", id,
					"pgb-transfer-" + id + "@test.example", initial);
			users.add(id);
		}
		Random random = new Random();
		List<Map<String, Object>> requests = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			int from = random.nextInt(users.size());
			int to = (from + 1 + random.nextInt(users.size() - 1)) % users.size();
			requests.add(Map.of("fromUserId", users.get(from).toString(), "toUserId", users.get(to).toString(),
					"amount", 1 + random.nextInt(400)));
		}
		List<Integer> statuses = Flux.fromIterable(requests)
			.flatMap(
					(body) -> client.post()
						.uri("/api/transfers")
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(body)
						.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())),
					32)
			.collectList()
			.block(Duration.ofMinutes(2));
		assertThat(statuses).containsOnly(201, 422).contains(201);
		long total = 0;
		for (UUID user : users) {
			long balance = Sql.count("SELECT credits FROM users WHERE id = ?", user);
			assertThat(balance).isNotNegative();
			total += balance;
		}
		assertThat(total).isEqualTo(4 * initial);
		assertThat(Sql.count("SELECT count(*) FROM transfers WHERE from_user_id IN (?, ?, ?, ?)", users.toArray()))
			.isEqualTo(statuses.stream().filter((status) -> status == 201).count());
	}

	@Test
	void streamsAnExport() {
		UUID author = Ids.next();
		Sql.execute("INSERT INTO users (id, email, name) VALUES (?, ?, 'PgBouncer exporter')", author,
				"pgb-export-" + author + "@test.example");
		Sql.execute("""
				INSERT INTO posts (id, author_id, title, status, created_at, updated_at)
				SELECT gen_random_uuid(), ?, 'pgbouncer export ' || g, 'ARCHIVED',
				       TIMESTAMPTZ '2000-01-01 00:00:00+00' + g * interval '1 second',
				       TIMESTAMPTZ '2000-01-01 00:00:00+00' + g * interval '1 second'
				FROM generate_series(1, 2000) AS g
				""", author);
		try {
			Long lines = client.get()
				.uri("/api/posts/export?authorId={author}", author)
				.accept(MediaType.APPLICATION_NDJSON)
				.retrieve()
				.bodyToFlux(String.class)
				.count()
				.block(Duration.ofMinutes(1));
			assertThat(lines).isEqualTo(2000);
		}
		finally {
			Sql.execute("DELETE FROM posts WHERE author_id = ?", author);
			Sql.execute("DELETE FROM users WHERE id = ?", author);
		}
	}

	@Test
	void answersAThousandConnectionsWithoutAnError() {
		UUID user = Ids.next();
		Sql.execute("INSERT INTO users (id, email, name) VALUES (?, ?, 'PgBouncer load')", user,
				"pgb-load-" + user + "@test.example");
		String token = Tokens.of(app.context()).admin();
		List<Integer> statuses = load(1000, 2000, "/api/users/" + user, token, null);
		assertThat(statuses).hasSize(2000).containsOnly(200);
		// every server connection PgBouncer opened is within its max_db_connections
		assertThat(Sql.count("SELECT count(*) FROM pg_stat_activity WHERE usename = ?", ROLE)).isLessThanOrEqualTo(40);
	}

	@Test
	void recoversFromAPgBouncerRestartMidLoadWithoutAnApplicationRestart() throws Exception {
		UUID user = Ids.next();
		Sql.execute("INSERT INTO users (id, email, name) VALUES (?, ?, 'PgBouncer restart')", user,
				"pgb-restart-" + user + "@test.example");
		String token = Tokens.of(app.context()).admin();
		AtomicBoolean restarted = new AtomicBoolean();
		Thread restarter = new Thread(() -> {
			try {
				Thread.sleep(500);
				pgbouncer.stop();
				Thread.sleep(300);
				pgbouncer.start();
				restarted.set(true);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		restarter.start();
		List<Integer> during = load(100, 1000, "/api/users/" + user, token, restarted);
		restarter.join();
		Map<Integer, Long> byStatus = during.stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		// during the gap a request is refused with 503 at worst, never a 500
		assertThat(byStatus.keySet()).as("statuses %s", byStatus).isSubsetOf(200, 503).contains(200);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> load(20, 40, "/api/users/" + user, token, null).stream().allMatch((s) -> s == 200));
		assertThat(status(client.get().uri("/actuator/health/readiness"))).isEqualTo(200);
	}

	/**
	 * {@code requests} GETs over up to {@code connections} client connections; when
	 * {@code until} is given, keeps going past {@code requests} until it is true.
	 */
	private static List<Integer> load(int connections, int requests, String path, String token, AtomicBoolean until) {
		ConnectionProvider provider = ConnectionProvider.builder("pgbouncer-load")
			.maxConnections(connections)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofMinutes(2))
			.build();
		LoopResources loops = LoopResources.create("pgbouncer-load", 2, true);
		HttpClient http = HttpClient.create(provider)
			.runOn(loops)
			.baseUrl(app.baseUrl())
			.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, token))
			.responseTimeout(Duration.ofMinutes(1));
		try {
			Flux<Integer> indexes = (until == null) ? Flux.range(0, requests)
					: Flux.range(0, Integer.MAX_VALUE).takeWhile((i) -> i < requests || !until.get());
			return indexes
				.flatMap(
						(i) -> http.get()
							.uri(path)
							.responseSingle((response, body) -> body.then(Mono.just(response.status().code()))),
						connections)
				.collectList()
				.map(Collections::unmodifiableList)
				.block(Duration.ofMinutes(3));
		}
		finally {
			provider.disposeLater().block(Duration.ofSeconds(10));
			loops.disposeLater().block(Duration.ofSeconds(10));
		}
	}

	private static int status(WebClient.RequestHeadersSpec<?> request) {
		return request.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(30));
	}

	@Test
	void migrateRefusesThePooledUrl() {
		MigrateCommand command = new MigrateCommand(
				Map.of("DATABASE_URL", pgbouncer.url(ROLE, TestDatabase.get().databaseUrl().database())), System.out,
				System.err);
		assertThat(command.run(List.of("status"))).isEqualTo(MigrateCommand.USAGE);
	}

}
