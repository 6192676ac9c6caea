package io.inkwell.ops;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import io.inkwell.netty.Admission;
import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code MANAGEMENT_PORT} set, the actuator runs on a server of its own, outside the
 * admission gate: while the API's connections wait unread for a place (a gate of one,
 * held by a slow request), the liveness and readiness probes and the Prometheus scrape
 * are answered at once, and the API's port no longer serves the actuator.
 */
class ManagementPortIntegrationTests {

	static TestApp app;

	static int managementPort;

	@BeforeAll
	static void start() throws IOException {
		try (ServerSocket free = new ServerSocket(0)) {
			managementPort = free.getLocalPort();
		}
		app = TestApp.start(TestDatabase.get().url(), "connection_limit=2",
				"--management.server.port=" + managementPort, "--inkwell.http.max-active-requests=1");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void answersProbesAndScrapesAtOnceWhileTheApisConnectionsWaitForTheGate() {
		Admission admission = app.context().getBean(Admission.class);
		WebClient api = app.independentClient();
		Mono<ResponseEntity<String>> slow = api.get()
			.uri("/test/sleep?ms=4000")
			.retrieve()
			.toEntity(String.class)
			.cache();
		slow.subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> admission.active() == 1);
		Mono<ResponseEntity<String>> waiting = api.get()
			.uri("/api/users/" + UUID.randomUUID())
			.exchangeToMono((response) -> response.toEntity(String.class))
			.cache();
		waiting.subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> admission.parked() >= 1);

		WebClient management = WebClient.create("http://localhost:" + managementPort);
		for (String path : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
			ResponseEntity<String> probe = management.get()
				.uri(path)
				.retrieve()
				.toEntity(String.class)
				.block(Duration.ofSeconds(2));
			assertThat(probe.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
			assertThat(probe.getBody()).contains("\"status\":\"UP\"");
		}
		String metrics = management.get()
			.uri("/actuator/prometheus")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(2));
		assertThat(metrics).contains("inkwell_http_connections_waiting 1.0");
		assertThat(admission.parked()).as("the API's connection still waits while the probes were answered")
			.isEqualTo(1);

		assertThat(slow.block(Duration.ofSeconds(30)).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(waiting.block(Duration.ofSeconds(30)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(api.get()
			.uri("/actuator/health/liveness")
			.exchangeToMono((response) -> Mono.just(response.statusCode()))
			.block(Duration.ofSeconds(10))).as("the actuator on the API's port").isEqualTo(HttpStatus.NOT_FOUND);
	}

}
