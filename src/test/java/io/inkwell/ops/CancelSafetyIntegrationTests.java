package io.inkwell.ops;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.inkwell.support.SlowRoutes;
import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that go away at any point — before their query, while waiting for a connection,
 * during it — must give the connection back: r2dbc-pool has open upstream bugs exactly
 * here, so we prove it. 1000 requests, each cancelled after a random delay, then the pool
 * must have nothing acquired and every connection must still work.
 */
class CancelSafetyIntegrationTests {

	static TestApp app;

	@BeforeAll
	static void start() {
		app = TestApp.start(TestDatabase.get().url(), "connection_limit=5&pool_timeout=5");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void cancelledRequestsGiveTheirConnectionsBack() throws Exception {
		WebClient client = WebClient.builder()
			.baseUrl(app.baseUrl())
			.defaultHeader(HttpHeaders.AUTHORIZATION, Tokens.adminIn(app.context()))
			.build();
		List<String> paths = List.of("/test/sleep?ms=30", "/test/sleep?ms=5", "/api/users?limit=50",
				"/api/users/00000000-0000-7000-8000-000000000000");
		Long cancelled = Flux.range(0, 1000).flatMap((i) -> {
			String path = paths.get(i % paths.size());
			Duration patience = Duration.ofMillis(ThreadLocalRandom.current().nextInt(0, 40));
			return client.get()
				.uri(path)
				.retrieve()
				.toBodilessEntity()
				.timeout(patience)
				.map((response) -> false)
				.onErrorResume((ex) -> Mono.just(true));
		}, 100).filter((wasCancelled) -> wasCancelled).count().block(Duration.ofMinutes(2));
		assertThat(cancelled).as("requests actually cancelled").isGreaterThan(100);

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(app.pool().getMetrics().orElseThrow().acquiredSize())
				.as("acquired connections after the storm")
				.isZero());

		// every connection still works: more parallel requests than connections, all
		// answered
		List<Integer> statuses = Flux.range(0, 20)
			.flatMap(
					(i) -> client.get()
						.uri("/test/sleep?ms=50")
						.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())),
					20)
			.collectList()
			.block(Duration.ofMinutes(1));
		assertThat(statuses).hasSize(20).containsOnly(200);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(app.pool().getMetrics().orElseThrow().acquiredSize()).isZero());
		assertThat(SlowRoutes.connectionsOf(app.applicationName())).isLessThanOrEqualTo(5);
	}

}
