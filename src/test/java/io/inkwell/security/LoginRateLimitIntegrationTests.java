package io.inkwell.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login (and sign-up) attempts are limited per client address: past the limit the answer
 * is 429 with {@code Retry-After}, before any password is checked. An application of its
 * own, since the limit is per address and every test request comes from 127.0.0.1.
 */
class LoginRateLimitIntegrationTests {

	static TestApp app;

	@BeforeAll
	static void start() {
		app = TestApp.start(TestDatabase.get().url(), "", "--inkwell.security.login-attempts=3",
				"--inkwell.security.login-period=1h");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void answers429WithRetryAfterOnceTheAttemptsOfAnAddressAreUsedUp() {
		UUID id = Tokens.createUser(Role.USER, "limited");
		String email = Tokens.emailOf("limited", id);
		WebTestClient client = app.client();
		login(client, email, Tokens.PASSWORD).expectStatus().isOk();
		login(client, email, "wrong password").expectStatus().isUnauthorized();
		login(client, "nobody-" + id + "@test.example", "wrong password").expectStatus().isUnauthorized();
		// the right password no longer helps, and sign-up shares the limit
		expectTooMany(login(client, email, Tokens.PASSWORD));
		expectTooMany(client.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", "late-" + id + "@test.example", "name", "Late", "password", "long enough pass"))
			.exchange());
		// everything else is not limited
		client.get().uri("/api/posts?limit=1").exchange().expectStatus().isOk();
	}

	@Test
	void forgetsTheLeastRecentlySeenAddressBeyondItsBound() {
		LoginRateLimiter limiter = new LoginRateLimiter(
				new SecurityProperties("", false, Duration.ofHours(1), 1, Duration.ofHours(1), 2, List.of()));
		assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
		assertThat(limiter.tryAcquire("10.0.0.1")).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
		assertThat(limiter.tryAcquire("10.0.0.2")).isZero();
		assertThat(limiter.tryAcquire("10.0.0.3")).isZero();
		// 10.0.0.1 was forgotten to keep two addresses: it starts afresh
		assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
		assertThat(limiter.tryAcquire("10.0.0.3")).isPositive();
	}

	private static void expectTooMany(WebTestClient.ResponseSpec response) {
		response.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER, (seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L))
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:too-many-requests")
			.jsonPath("$.status")
			.isEqualTo(429);
	}

	private static WebTestClient.ResponseSpec login(WebTestClient client, String email, String password) {
		return client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password))
			.exchange();
	}

}
