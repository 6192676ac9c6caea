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
 * Login (and sign-up, and e-mail change) attempts are limited per client address and per
 * account: past either limit the answer is 429 with {@code Retry-After}, before any
 * password is checked. Behind a trusted proxy each forwarded client has its own bucket.
 * An application of its own, since the limit is per address and every test request comes
 * from 127.0.0.1.
 */
class LoginRateLimitIntegrationTests {

	static TestApp app;

	@BeforeAll
	static void start() {
		// the test client is the trusted proxy: X-Forwarded-For names the client
		app = TestApp.start(TestDatabase.get().url(), "", "--inkwell.security.login-attempts=3",
				"--inkwell.security.login-period=1h", "--inkwell.security.trusted-proxies=127.0.0.1,::1");
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
	void limitsAnAccountWhateverAddressTheAttemptsComeFrom() {
		UUID id = Tokens.createUser(Role.USER, "targeted");
		String email = Tokens.emailOf("targeted", id);
		WebTestClient client = app.client();
		for (int i = 1; i <= 3; i++) {
			login(client, email, "wrong password", "198.51.100." + i).expectStatus().isUnauthorized();
		}
		// a fourth address, the same account (its e-mail in another case)
		expectTooMany(login(client, email.toUpperCase(java.util.Locale.ROOT), Tokens.PASSWORD, "198.51.100.4"));
		// another account from that address is not limited
		UUID other = Tokens.createUser(Role.USER, "untouched");
		login(client, Tokens.emailOf("untouched", other), Tokens.PASSWORD, "198.51.100.4").expectStatus().isOk();
	}

	@Test
	void limitsEachClientBehindTheProxyOnItsOwn() {
		WebTestClient client = app.client();
		for (int i = 0; i < 3; i++) {
			login(client, "nobody-" + UUID.randomUUID() + "@test.example", "wrong password", "203.0.113.10")
				.expectStatus()
				.isUnauthorized();
		}
		expectTooMany(login(client, "nobody-" + UUID.randomUUID() + "@test.example", "wrong password", "203.0.113.10"));
		// another client behind the same proxy still gets in
		UUID id = Tokens.createUser(Role.USER, "neighbour");
		login(client, Tokens.emailOf("neighbour", id), Tokens.PASSWORD, "203.0.113.11").expectStatus().isOk();
	}

	@Test
	void limitsEmailChangesLikeLogins() {
		UUID id = Tokens.createUser(Role.USER, "changer");
		String token = Tokens.of(app.context()).user(id);
		WebTestClient client = app.client();
		for (int i = 0; i < 3; i++) {
			changeEmail(client, token, id, "changed-" + UUID.randomUUID() + "@test.example").expectStatus().isOk();
		}
		expectTooMany(changeEmail(client, token, id, "changed-" + UUID.randomUUID() + "@test.example"));
		// a change without an e-mail is not limited
		client.patch()
			.uri("/api/users/" + id)
			.header(HttpHeaders.AUTHORIZATION, token)
			.header("X-Forwarded-For", "192.0.2.77")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Still here"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private static WebTestClient.ResponseSpec changeEmail(WebTestClient client, String token, UUID id, String email) {
		return client.patch()
			.uri("/api/users/" + id)
			.header(HttpHeaders.AUTHORIZATION, token)
			.header("X-Forwarded-For", "192.0.2.77")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email))
			.exchange();
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

	private static WebTestClient.ResponseSpec login(WebTestClient client, String email, String password,
			String forwardedFor) {
		return client.post()
			.uri("/api/auth/login")
			.header("X-Forwarded-For", forwardedFor)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password))
			.exchange();
	}

	private static WebTestClient.ResponseSpec login(WebTestClient client, String email, String password) {
		return client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password))
			.exchange();
	}

}
