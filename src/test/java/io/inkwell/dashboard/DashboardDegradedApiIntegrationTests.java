package io.inkwell.dashboard;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.migrate.Changelog;
import io.inkwell.migrate.Migrator;
import io.inkwell.support.TestApp;
import io.inkwell.support.Tokens;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import static io.inkwell.dashboard.DashboardFixtures.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard of an instance in trouble: its database is one changeset behind and its
 * pool has a single connection, which {@code /test/sleep} requests hold. One application
 * for the class (starting one is slow); every test leaves the pool free again when it
 * ends.
 */
class DashboardDegradedApiIntegrationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	static DatabaseUrl database;

	static String password;

	static TestApp app;

	static WebClient client;

	@BeforeAll
	static void startOneChangesetShortWithOneConnection() {
		database = TestDatabase.get().createDatabase("dashboard");
		Migrator migrator = new Migrator(database.jdbcUrl(), database.jdbcProperties(), Duration.ofMinutes(1));
		migrator.update();
		migrator.rollback(1);
		// a trust-authenticated server ignores the password; the dashboard must still
		// never show it
		password = (database.password() != null) ? database.password() : "pw-" + UUID.randomUUID();
		DatabaseUrl withPassword = new DatabaseUrl(database.user(), password, database.host(), database.port(),
				database.database(), database.connectionLimit(), database.poolTimeout(), database.sslMode(),
				database.pgbouncer(), database.schema(), database.connectTimeout(), database.applicationName(),
				database.statementTimeout());
		app = TestApp.start(withPassword.toUrlString(), "connection_limit=1&pool_timeout=10");
		// the dashboard's data is for ADMINs; this database has no accounts, the token
		// needs none
		client = app.independentClient()
			.mutate()
			.defaultHeader(HttpHeaders.AUTHORIZATION, Tokens.adminIn(app.context()))
			.build();
	}

	@AfterAll
	static void stop() {
		app.close();
		TestDatabase.get().dropDatabase(database);
	}

	@Test
	void showsTheChangesetTheDatabaseLacksAsPending() {
		Map<String, Object> migrations = get("/api/ops/migrations");
		String last = Changelog.expected().get(Changelog.expected().size() - 1).id();
		assertThat(migrations.get("state")).isEqualTo("red");
		assertThat(migrations.get("schemaMatches")).isEqualTo(false);
		assertThat(list(migrations, "pending")).singleElement()
			.satisfies((pending) -> assertThat(pending.get("changeSet")).isEqualTo(last));
		assertThat(list(migrations, "applied")).hasSize(Changelog.expected().size() - 1);
		assertThat((String) migrations.get("reason")).contains(last, "migrate");
		Map<String, Object> overview = get("/api/ops");
		assertThat(overview.get("state")).isEqualTo("red");
		assertThat((String) overview.get("reason")).contains("migrations");
	}

	@Test
	void showsAcquiresWaitingWhileThePoolIsSaturated() {
		Map<String, Object> pool = whileSaturated("/api/ops/pool");
		assertThat(pool.get("max")).isEqualTo(1);
		assertThat(pool.get("acquired")).isEqualTo(1);
		assertThat((Integer) pool.get("pending")).isPositive();
		assertThat(pool.get("state")).isEqualTo("amber");
		assertThat((String) pool.get("reason")).contains("waiting for a connection");
	}

	@Test
	void doesNotQueueForAConnectionWhileThePoolIsSaturated() {
		Map<String, Object> migrations = whileSaturated("/api/ops/migrations");
		assertThat(migrations.get("state")).isEqualTo("amber");
		assertThat((String) migrations.get("reason")).startsWith("not checked");
		assertThat(migrations).containsOnlyKeys("state", "reason");
	}

	@Test
	void neverShowsTheDatabasePassword() {
		String body = client.get().uri("/api/ops").retrieve().bodyToMono(String.class).block();
		assertThat(body).doesNotContain(password).contains("****");
		Map<String, Object> config = get("/api/ops/config");
		assertThat((String) config.get("databaseUrl")).contains(":****@").doesNotContain(password);
	}

	/**
	 * Holds the only connection with one sleeping request, queues a second behind it, and
	 * asks {@code path} until the pool shows the waiter; returns that answer after both
	 * sleepers end.
	 */
	private static Map<String, Object> whileSaturated(String path) {
		Mono<String> holder = client.get().uri("/test/sleep?ms=2500").retrieve().bodyToMono(String.class);
		Mono<String> waiter = client.get().uri("/test/sleep?ms=10").retrieve().bodyToMono(String.class);
		Mono<Map<String, Object>> probe = Flux.interval(Duration.ofMillis(50))
			.onBackpressureDrop()
			.concatMap((tick) -> client.get().uri("/api/ops/pool").retrieve().bodyToMono(JSON))
			.filter((pool) -> ((Integer) pool.get("pending")) > 0)
			.next()
			.flatMap((pool) -> path.equals("/api/ops/pool") ? Mono.just(pool)
					: client.get().uri(path).retrieve().bodyToMono(JSON))
			.timeout(Duration.ofSeconds(20));
		// the waiter starts once the holder has the connection, so it queues behind it
		Mono<String> queued = Flux.interval(Duration.ofMillis(20))
			.onBackpressureDrop()
			.concatMap((tick) -> client.get().uri("/api/ops/pool").retrieve().bodyToMono(JSON))
			.filter((pool) -> ((Integer) pool.get("acquired")) > 0)
			.next()
			.then(waiter);
		return Mono.zip(holder, queued, probe).map((all) -> all.getT3()).block(Duration.ofSeconds(30));
	}

	private static Map<String, Object> get(String path) {
		return client.get().uri(path).retrieve().bodyToMono(JSON).block(Duration.ofSeconds(30));
	}

}
