package io.inkwell.security;

import java.util.Arrays;
import java.util.List;

import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code inkwell.cors.allowed-origins} set, a pre-flight from an allowed origin is
 * answered without a token and without a warning, one from another origin is refused, and
 * actual requests from an allowed origin get {@code Access-Control-Allow-Origin}, also on
 * public reads that the fast path would otherwise serve.
 */
@ExtendWith(OutputCaptureExtension.class)
class CorsIntegrationTests {

	static final String ALLOWED = "https://app.example.com";

	static TestApp application;

	static WebTestClient client;

	@BeforeAll
	static void start() {
		application = TestApp.start(TestDatabase.get().url(), "",
				"--inkwell.cors.allowed-origins=https://other.example.org, " + ALLOWED);
		client = application.client();
	}

	@AfterAll
	static void stop() {
		application.close();
	}

	@Test
	void answersAPreflightFromAnAllowedOriginWithoutATokenOrAWarning(CapturedOutput output) {
		int before = output.length();
		for (String[] route : List.of(new String[] { "/api/posts/0190a0c0-0000-7000-8000-000000000000", "PATCH" },
				new String[] { "/api/transfers", "POST" }, new String[] { "/api/users/x", "GET" })) {
			client.options()
				.uri(route[0])
				.header(HttpHeaders.ORIGIN, ALLOWED)
				.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, route[1])
				.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS,
						"authorization, content-type, if-match, idempotency-key")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
				.expectHeader()
				.value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
						(methods) -> assertThat(methods).contains("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"))
				.expectHeader()
				.value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
						(headers) -> assertThat(headers.toLowerCase()).contains("authorization", "content-type",
								"if-match", "idempotency-key"))
				.expectHeader()
				.exists(HttpHeaders.ACCESS_CONTROL_MAX_AGE)
				.expectBody()
				.isEmpty();
		}
		assertThat(Arrays.stream(output.toString().substring(before).split("\n"))
			.filter((line) -> line.contains(" WARN "))).as("warnings logged while answering the pre-flights")
			.noneMatch((line) -> line.contains("OPTIONS") || line.contains("/api/") || line.contains("denied"));
	}

	@Test
	void refusesAPreflightFromAnotherOrigin() {
		client.options()
			.uri("/api/posts")
			.header(HttpHeaders.ORIGIN, "https://evil.example.net")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		client.options()
			.uri("/api/posts")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "x-not-allowed")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void actualRequestsFromAnAllowedOriginGetTheOriginAndTheExposedHeaders() {
		// a public anonymous read: the fast path leaves it to the chain's CORS filter
		client.get()
			.uri("/api/posts?limit=1")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
					(exposed) -> assertThat(exposed).contains("ETag", "Location", "Retry-After", "X-Request-Id"))
			.expectHeader()
			.exists(HttpHeaders.ETAG)
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff");
		// an error answer carries them too, so the front end can read the problem
		client.get()
			.uri("/api/auth/me")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED);
		client.get()
			.uri("/api/posts?limit=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void refusesAnActualRequestFromAnotherOrigin() {
		client.get()
			.uri("/api/posts?limit=1")
			.header(HttpHeaders.ORIGIN, "https://evil.example.net")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

}
