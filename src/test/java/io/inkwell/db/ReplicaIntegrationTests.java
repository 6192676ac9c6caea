package io.inkwell.db;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.inkwell.support.StreamingReplica;
import io.inkwell.support.TestApp;
import io.inkwell.support.Tokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application with one streaming replica, made by the test from a private primary
 * ({@link StreamingReplica}): reads land on the replica, writes answer with a consistency
 * token that sends a read to the primary while the replica has not replayed it, a lagging
 * replica is skipped until it catches up, and a replica that stops under load costs no
 * request. One primary and replica pair, and one application, for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaIntegrationTests {

	private static final Duration MAX_LAG = Duration.ofSeconds(3);

	static StreamingReplica pair;

	static TestApp app;

	static WebClient client;

	static Replicas replicas;

	static MeterRegistry registry;

	@BeforeAll
	static void start() {
		pair = StreamingReplica.startOrSkip();
		app = TestApp.start(pair.primaryUrl(), "connection_limit=4&pool_timeout=10&connect_timeout=2",
				"--inkwell.db.replica-urls=" + pair.replicaUrl() + "&connection_limit=4&connect_timeout=2",
				"--inkwell.db.replica-max-lag=" + MAX_LAG.toMillis() + "ms",
				"--inkwell.db.replica-probe-interval=100ms");
		client = app.independentClient()
			.mutate()
			.defaultHeader(HttpHeaders.AUTHORIZATION, Tokens.adminIn(app.context()))
			.build();
		replicas = app.context().getBean(Replicas.class);
		registry = app.context().getBean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> replicas.all().get(0).up());
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (pair != null) {
			pair.close();
		}
	}

	@Test
	@Order(1)
	void readsLandOnTheReplicaAndWritesAnswerWithAToken() throws Exception {
		ClientResponse created = createUser();
		assertThat(created.statusCode().value()).isEqualTo(201);
		assertThat(created.headers().asHttpHeaders().getFirst("Inkwell-Consistency")).matches("[0-9A-F]+/[0-9A-F]+");
		created.releaseBody().block();
		double replicaBefore = reads("replica-1");
		double primaryBefore = reads("primary");
		for (int i = 0; i < 20; i++) {
			assertThat(status("/api/users?limit=5", null)).isEqualTo(200);
		}
		assertThat(reads("replica-1") - replicaBefore).isGreaterThanOrEqualTo(20);
		assertThat(reads("primary") - primaryBefore).isZero();
		// the dashboard's pool card lists the replica, serving
		assertThat(poolCard()).containsEntry("state", "green")
			.extracting("replicas")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.singleElement()
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("name", "replica-1")
			.containsEntry("serving", true);
		// and the replica saw them: statements of this application ran there
		assertThat(Long.parseLong(pair.onReplica("SELECT count(*) FROM pg_stat_activity WHERE datname = 'inkwell'")))
			.isPositive();
	}

	@Test
	@Order(2)
	void aReadWithAFreshTokenGoesToThePrimaryWhileReplayIsPaused() throws Exception {
		try {
			pair.onReplica("SELECT pg_wal_replay_pause()");
			ClientResponse created = createUser();
			String token = created.headers().asHttpHeaders().getFirst("Inkwell-Consistency");
			String id = (String) created.bodyToMono(Map.class).block(Duration.ofSeconds(10)).get("id");
			// with the token: the primary, which has the new user
			assertThat(status("/api/users/" + id, token)).isEqualTo(200);
			// without: the replica, which has not replayed it yet (still within the lag
			// limit)
			double replicaBefore = reads("replica-1");
			assertThat(status("/api/users/" + id, null)).isEqualTo(404);
			assertThat(reads("replica-1")).isGreaterThan(replicaBefore);
		}
		finally {
			pair.onReplica("SELECT pg_wal_replay_resume()");
		}
		// once replayed, the token lets the replica serve the read
		await().atMost(Duration.ofSeconds(20))
			.until(() -> replicas.all().get(0).lag().isZero() && replicas.all().get(0).up());
		ClientResponse created = createUser();
		String token = created.headers().asHttpHeaders().getFirst("Inkwell-Consistency");
		String id = (String) created.bodyToMono(Map.class).block(Duration.ofSeconds(10)).get("id");
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			double before = reads("replica-1");
			return status("/api/users/" + id, token) == 200 && reads("replica-1") > before;
		});
	}

	@Test
	@Order(3)
	void aReplicaLaggingPastTheLimitIsSkippedUntilItCatchesUp() throws Exception {
		try {
			pair.onReplica("SELECT pg_wal_replay_pause()");
			createUser().releaseBody().block();
			await().atMost(Duration.ofSeconds(30)).until(() -> replicas.all().get(0).lag().compareTo(MAX_LAG) > 0);
			double primaryBefore = reads("primary");
			double replicaBefore = reads("replica-1");
			for (int i = 0; i < 10; i++) {
				assertThat(status("/api/users?limit=5", null)).isEqualTo(200);
			}
			assertThat(reads("primary") - primaryBefore).isGreaterThanOrEqualTo(10);
			assertThat(reads("replica-1")).isEqualTo(replicaBefore);
		}
		finally {
			pair.onReplica("SELECT pg_wal_replay_resume()");
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> replicas.all().get(0).lag().compareTo(MAX_LAG) <= 0);
		double replicaBefore = reads("replica-1");
		for (int i = 0; i < 10; i++) {
			assertThat(status("/api/users?limit=5", null)).isEqualTo(200);
		}
		assertThat(reads("replica-1") - replicaBefore).isGreaterThanOrEqualTo(10);
	}

	@Test
	@Order(4)
	void aReadInsideATransactionRunsOnThePrimary() {
		DatabaseClient db = app.context().getBean(DatabaseClient.class);
		TransactionalOperator transactional = app.context().getBean(TransactionalOperator.class);
		Mono<Boolean> standby = db.sql("/* ReplicaIntegrationTests.standby */ SELECT pg_is_in_recovery() AS standby")
			.map((row) -> row.get("standby", Boolean.class))
			.one();
		// marked as a read: outside a transaction the replica answers
		assertThat(standby.contextWrite((context) -> context.put(ReadIntent.class, new ReadIntent(-1)))
			.block(Duration.ofSeconds(10))).isTrue();
		// the same read inside a transaction: the primary
		assertThat(transactional.transactional(standby)
			.contextWrite((context) -> context.put(ReadIntent.class, new ReadIntent(-1)))
			.block(Duration.ofSeconds(10))).isFalse();
		// not marked (writes, readiness, the dashboard): the primary
		assertThat(standby.block(Duration.ofSeconds(10))).isFalse();
	}

	@Test
	@Order(5)
	void aReplicaStoppedUnderLoadCostsNoRequest() {
		AtomicBoolean stopped = new AtomicBoolean();
		Thread stopper = new Thread(() -> {
			try {
				Thread.sleep(300);
				pair.stopReplica();
				Thread.sleep(500);
				stopped.set(true);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		double replicaBefore = reads("replica-1");
		stopper.start();
		List<Integer> statuses = Flux.range(0, Integer.MAX_VALUE)
			.takeWhile((i) -> i < 400 || !stopped.get())
			.flatMap(
					(i) -> client.get()
						.uri("/api/users?limit=5")
						.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())),
					16)
			.collectList()
			.block(Duration.ofMinutes(2));
		assertThat(statuses).isNotEmpty().containsOnly(200);
		assertThat(reads("replica-1")).isGreaterThan(replicaBefore);
		assertThat(replicas.all().get(0).up()).isFalse();
		assertThat(status("/actuator/health/readiness", null)).isEqualTo(200);
		assertThat(poolCard()).containsEntry("state", "amber")
			.extractingByKey("reason")
			.asString()
			.contains("replica-1 is down");
		// back: reads return to it
		pair.startReplica();
		await().atMost(Duration.ofSeconds(30)).until(() -> replicas.all().get(0).up());
		double before = reads("replica-1");
		assertThat(status("/api/users?limit=5", null)).isEqualTo(200);
		assertThat(reads("replica-1")).isGreaterThan(before);
	}

	private static ClientResponse createUser() {
		return client.post()
			.uri("/api/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", "replica-" + UUID.randomUUID() + "@test.example", "name", "Replica test"))
			.exchangeToMono((response) -> response.toEntity(byte[].class)
				.map((entity) -> ClientResponse.create(response.statusCode())
					.headers((headers) -> headers.addAll(response.headers().asHttpHeaders()))
					.body((entity.getBody() != null) ? new String(entity.getBody()) : "")
					.build()))
			.block(Duration.ofSeconds(30));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> poolCard() {
		return client.get().uri("/api/ops/pool").retrieve().bodyToMono(Map.class).block(Duration.ofSeconds(30));
	}

	private static int status(String path, String token) {
		return client.get().uri(path).headers((headers) -> {
			if (token != null) {
				headers.set("Inkwell-Consistency", token);
			}
		})
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(30));
	}

	private static double reads(String target) {
		Counter counter = registry.find("inkwell.db.reads").tag("target", target).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
