package io.inkwell.ops;

import java.util.Map;
import java.util.UUID;

import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ObservabilityIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	// this class tests the feature, not who may use it (security/ does): as an ADMIN, who
	// may do everything
	@BeforeEach
	void authenticateAsAdmin() {
		this.client = this.client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin()).build();
	}

	@Test
	void exposesRouteLatencyPoolGaugesAndQueryTimers() {
		this.client.post()
			.uri("/api/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", "metrics-" + UUID.randomUUID() + "@test.example", "name", "Metrics"))
			.exchange()
			.expectStatus()
			.isCreated();
		this.client.get().uri("/api/users/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound();
		String metrics = this.client.mutate()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/users/\\{id}\"")
			.contains("r2dbc_pool_acquired_connections", "r2dbc_pool_max_allocated_connections")
			.containsPattern("inkwell_db_query_seconds_count\\{[^}]*query=\"UserRepository.insert\"")
			.containsPattern("inkwell_db_query_seconds_bucket\\{[^}]*query=\"UserRepository.findLiveById\"")
			.contains("inkwell_db_acquire_rejected_total", "inkwell_db_acquire_timeouts_total")
			// the long-task timer of requests in flight is switched off
			// (application.yaml)
			.doesNotContain("http_server_requests_active");
	}

	@Test
	void exposesOnlyHealthAndPrometheus() {
		this.client.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
		this.client.get().uri("/actuator/beans").exchange().expectStatus().isNotFound();
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
	}

}
