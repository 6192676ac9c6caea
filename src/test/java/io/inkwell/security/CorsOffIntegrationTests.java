package io.inkwell.security;

import java.util.Arrays;

import io.inkwell.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS is off by default: no response carries {@code Access-Control-*} headers, so a
 * browser keeps other origins out; a pre-flight is still no forgotten route (no 401, no
 * warning).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CorsOffIntegrationTests {

	@Autowired
	WebTestClient client;

	@Test
	void aPreflightGetsNoCorsHeadersAndLogsNoWarning(CapturedOutput output) {
		int before = output.length();
		this.client.options()
			.uri("/api/posts")
			.header(HttpHeaders.ORIGIN, "https://app.example.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS);
		assertThat(Arrays.stream(output.toString().substring(before).split("\n"))
			.filter((line) -> line.contains(" WARN ")))
			.noneMatch((line) -> line.contains("OPTIONS") || line.contains("/api/posts"));
	}

	@Test
	void anActualRequestWithAnOriginGetsNoCorsHeaders() {
		this.client.get()
			.uri("/api/posts?limit=1")
			.header(HttpHeaders.ORIGIN, "https://app.example.com")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

}
