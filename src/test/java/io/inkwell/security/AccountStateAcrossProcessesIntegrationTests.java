package io.inkwell.security;

import java.time.Duration;
import java.util.Base64;
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

import static org.awaitility.Awaitility.await;

/**
 * Two application processes on one database, with one signing key (as replicas run): a
 * change made through one takes effect in the other within 5 s, although the other has
 * the account's state cached from a request just before the change.
 */
class AccountStateAcrossProcessesIntegrationTests {

	/** The promise of docs/security.md: changes made elsewhere apply within this. */
	private static final Duration WITHIN = Duration.ofSeconds(5);

	static TestApp a;

	static TestApp b;

	@BeforeAll
	static void startTwoProcesses() {
		String secret = "--inkwell.security.jwt-secret=" + Base64.getEncoder().encodeToString(JwtSecret.generate());
		a = TestApp.start(TestDatabase.get().url(), "", secret);
		b = TestApp.start(TestDatabase.get().url(), "", secret);
	}

	@AfterAll
	static void stop() {
		a.close();
		b.close();
	}

	@Test
	void aDemotionThroughOneProcessTakesEffectInTheOtherWithinFiveSeconds() {
		UUID demoted = Tokens.createUser(Role.ADMIN, "demoted");
		String token = Tokens.of(a.context()).bearer(demoted, Role.ADMIN);
		String admin = Tokens.of(a.context()).bearer(Tokens.createUser(Role.ADMIN, "admin"), Role.ADMIN);
		WebTestClient clientB = b.client();
		// B has the ADMIN state cached
		status(clientB, "/api/users?limit=1", token, 200);
		a.client()
			.patch()
			.uri("/api/users/" + demoted)
			.header(HttpHeaders.AUTHORIZATION, admin)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("role", "USER"))
			.exchange()
			.expectStatus()
			.isOk();
		// at once in A, within 5 s in B
		status(a.client(), "/api/users?limit=1", token, 403);
		await().atMost(WITHIN)
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> status(clientB, "/api/users?limit=1", token, 403));
	}

	@Test
	void aRevocationThroughOneProcessTakesEffectInTheOtherWithinFiveSeconds() {
		UUID user = Tokens.createUser(Role.USER, "revoked");
		String token = Tokens.of(a.context()).bearer(user, Role.USER);
		WebTestClient clientB = b.client();
		status(clientB, "/api/auth/me", token, 200);
		a.client()
			.post()
			.uri("/api/auth/logout-all")
			.header(HttpHeaders.AUTHORIZATION, token)
			.exchange()
			.expectStatus()
			.isNoContent();
		status(a.client(), "/api/auth/me", token, 401);
		await().atMost(WITHIN)
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> status(clientB, "/api/auth/me", token, 401));
	}

	private static void status(WebTestClient client, String uri, String token, int expected) {
		client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, token).exchange().expectStatus().isEqualTo(expected);
	}

}
