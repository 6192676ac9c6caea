package io.inkwell.ops;

import java.util.UUID;

import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production-mode logs: JSON lines, and every line written while a request is handled
 * carries its request id — here the slow-query line, logged from the driver's thread.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestLoggingIntegrationTests {

	@Test
	void writesJsonLinesCarryingTheRequestId(CapturedOutput output) {
		String requestId = "req-" + UUID.randomUUID();
		// Spring Boot initialises logging once per JVM: with another context of the suite
		// already
		// running, the ECS format of this one would be ignored. Reset it so that this
		// app's applies.
		LoggingSystem.get(getClass().getClassLoader()).cleanUp();
		try (TestApp app = TestApp.start(TestDatabase.get().url(), "", "--logging.structured.format.console=ecs",
				"--inkwell.db.slow-query-threshold=0ms")) {
			app.client()
				.get()
				.uri("/api/users/{id}", UUID.randomUUID())
				.header("X-Request-Id", requestId)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.valueEquals("X-Request-Id", requestId);
			app.client()
				.get()
				.uri("/api/users?limit=1")
				.header(HttpHeaders.AUTHORIZATION, Tokens.adminIn(app.context()))
				.header("X-Request-Id", "bad id; \"quoted\" \u00e9")
				.exchange()
				.expectHeader()
				.value("X-Request-Id", (id) -> assertThat(id).doesNotContain("bad id"));
		}
		String line = output.getOut()
			.lines()
			.filter((candidate) -> candidate.contains("UserRepository.findLiveById")
					&& candidate.contains("Slow query"))
			.findFirst()
			.orElseThrow();
		assertThat(line).startsWith("{").contains("\"requestId\":\"" + requestId + "\"");
	}

}
