package io.inkwell.ops;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.inkwell.security.Role;
import io.inkwell.support.SlowRoutes;
import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shutdown (what SIGTERM triggers through the JVM shutdown hook): readiness turns to
 * REFUSING_TRAFFIC at once, requests in flight finish, new connections are refused, the
 * pool is closed and no connection of the process is left in pg_stat_activity.
 */
class GracefulShutdownIntegrationTests {

	@Test
	void drainsInFlightRequestsThenClosesThePool() throws Exception {
		TestApp app = TestApp.start(TestDatabase.get().url(), "connection_limit=5");
		List<ReadinessState> readiness = new CopyOnWriteArrayList<>();
		app.context().addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) (event) -> {
			if (event.getState() instanceof ReadinessState state) {
				readiness.add(state);
			}
		});
		WebClient client = app.independentClient();
		CompletableFuture<List<Integer>> inFlight = Flux.range(0, 5)
			.flatMap(
					(i) -> client.get()
						.uri("/test/sleep?ms=1500")
						.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())),
					5)
			.collectList()
			.toFuture();
		// wait until all five hold a connection on the server
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(app.pool().getMetrics().orElseThrow().acquiredSize()).isEqualTo(5));

		String admin = Tokens.of(app.context()).bearer(Tokens.createUser(Role.ADMIN, "admin"), Role.ADMIN);
		CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> !readiness.isEmpty());
		assertThat(readiness).as("readiness flips while requests still run").contains(ReadinessState.REFUSING_TRAFFIC);
		assertThat(inFlight).isNotDone();
		// the server stops accepting a moment after readiness flips: new requests are
		// refused from then on
		await().alias("a new request during the drain is refused")
			.atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> client.get()
				.uri("/api/users?limit=1")
				.header(HttpHeaders.AUTHORIZATION, admin)
				.retrieve()
				.toBodilessEntity()
				.map((response) -> (Throwable) null)
				.onErrorResume((ex) -> reactor.core.publisher.Mono.just(ex))
				.block(Duration.ofSeconds(10)), Objects::nonNull);

		assertThat(inFlight.get(30, TimeUnit.SECONDS)).containsExactly(200, 200, 200, 200, 200);
		closing.get(30, TimeUnit.SECONDS);
		assertThat(SlowRoutes.connectionsOf(app.applicationName())).isZero();
	}

}
