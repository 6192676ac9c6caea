package io.inkwell.security;

import java.util.Map;
import java.util.UUID;

import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.inkwell.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every authenticated request is authorised with the account as the database has it now,
 * not as the token says: a demoted ADMIN's token is refused on ADMIN routes at once
 * (403), a soft-deleted user's token and a revoked token are refused everywhere (401 with
 * {@code WWW-Authenticate}), public routes included. Each token is used once before the
 * change, so that the account state is cached when the change is made.
 */
@IntegrationTest
class AccountStateIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	@Test
	void refusesADemotedAdminsOldTokenOnAdminRoutesAtOnce() {
		UUID demoted = Tokens.createUser(Role.ADMIN, "demoted");
		String old = this.tokens.bearer(demoted, Role.ADMIN);
		call(HttpMethod.GET, "/api/users?limit=1", old, null).expectStatus().isOk();
		call(HttpMethod.PATCH, "/api/users/" + demoted, this.tokens.admin(), Map.of("role", "USER")).expectStatus()
			.isOk();
		expectProblem(call(HttpMethod.GET, "/api/users?limit=1", old, null), 403, "forbidden");
		// the token can no longer restore its own power
		expectProblem(call(HttpMethod.PATCH, "/api/users/" + demoted, old, Map.of("role", "ADMIN")), 403, "forbidden");
		expectProblem(call(HttpMethod.POST, "/api/users/" + demoted + "/restore", old, null), 403, "forbidden");
		assertThat(Sql.string("SELECT role::text FROM users WHERE id = ?", demoted)).isEqualTo("USER");
		// still a valid token of a live USER
		call(HttpMethod.GET, "/api/auth/me", old, null).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.role")
			.isEqualTo("USER");
	}

	@Test
	void grantsAPromotedUsersOldTokenTheNewRoleAtOnce() {
		UUID promoted = Tokens.createUser(Role.USER, "promoted");
		String old = this.tokens.user(promoted);
		expectProblem(call(HttpMethod.GET, "/api/users?limit=1", old, null), 403, "forbidden");
		call(HttpMethod.PATCH, "/api/users/" + promoted, this.tokens.admin(), Map.of("role", "ADMIN")).expectStatus()
			.isOk();
		call(HttpMethod.GET, "/api/users?limit=1", old, null).expectStatus().isOk();
	}

	@Test
	void refusesASoftDeletedUsersTokenEverywhere() {
		UUID user = Tokens.createUser(Role.USER, "leaving");
		String token = this.tokens.user(user);
		UUID someone = Tokens.createUser(Role.USER, "someone");
		call(HttpMethod.GET, "/api/auth/me", token, null).expectStatus().isOk();
		call(HttpMethod.DELETE, "/api/users/" + user, token, null).expectStatus().isNoContent();
		expectRevoked(call(HttpMethod.GET, "/api/auth/me", token, null));
		expectRevoked(call(HttpMethod.POST, "/api/posts", token, Map.of("title", "After")));
		// public routes too: a refused token is a 401 wherever it is sent
		expectRevoked(call(HttpMethod.GET, "/api/posts?limit=1", token, null));
		expectRevoked(call(HttpMethod.GET, "/api/users/" + someone, token, null));
		// restored, the same token works again
		call(HttpMethod.POST, "/api/users/" + user + "/restore", this.tokens.admin(), null).expectStatus().isOk();
		call(HttpMethod.GET, "/api/auth/me", token, null).expectStatus().isOk();
	}

	@Test
	void logoutAllRevokesEveryTokenOfTheCallerAndALaterLoginWorks() {
		UUID user = Tokens.createUser(Role.USER, "logout");
		String email = Tokens.emailOf("logout", user);
		String first = login(email);
		String second = login(email);
		call(HttpMethod.GET, "/api/auth/me", first, null).expectStatus().isOk();
		call(HttpMethod.POST, "/api/auth/logout-all", second, null).expectStatus().isNoContent().expectBody().isEmpty();
		expectRevoked(call(HttpMethod.GET, "/api/auth/me", first, null));
		expectRevoked(call(HttpMethod.GET, "/api/auth/me", second, null));
		expectRevoked(call(HttpMethod.POST, "/api/auth/logout-all", second, null));
		// in the same second as the revocation: a new login is valid
		String third = login(email);
		call(HttpMethod.GET, "/api/auth/me", third, null).expectStatus().isOk();
		assertThat(Sql.count("SELECT count(*) FROM audit_log WHERE actor_id = ? AND action = 'user.revoke-tokens'"
				+ " AND target_id = ?", user, user))
			.isEqualTo(1);
	}

	@Test
	void anAdminRevokesAUsersTokensAndAnUnknownUserIs404() {
		UUID user = Tokens.createUser(Role.USER, "revoked");
		String token = this.tokens.user(user);
		call(HttpMethod.GET, "/api/auth/me", token, null).expectStatus().isOk();
		expectProblem(call(HttpMethod.POST, "/api/users/" + user + "/revoke-tokens", token, null), 403, "forbidden");
		call(HttpMethod.POST, "/api/users/" + user + "/revoke-tokens", this.tokens.admin(), null).expectStatus()
			.isNoContent();
		expectRevoked(call(HttpMethod.GET, "/api/auth/me", token, null));
		expectProblem(
				call(HttpMethod.POST, "/api/users/" + UUID.randomUUID() + "/revoke-tokens", this.tokens.admin(), null),
				404, "not-found");
		expectProblem(call(HttpMethod.POST, "/api/users/not-a-uuid/revoke-tokens", this.tokens.admin(), null), 400,
				"invalid-parameter");
		assertThat(
				Sql.count("SELECT count(*) FROM audit_log WHERE action = 'user.revoke-tokens' AND target_id = ?", user))
			.isEqualTo(1);
	}

	private void expectRevoked(WebTestClient.ResponseSpec response) {
		response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		expectProblem(response, 401, "unauthorized");
	}

	private String login(String email) {
		Map<?, ?> body = this.client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", Tokens.PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return "Bearer " + body.get("token");
	}

	private WebTestClient.ResponseSpec call(HttpMethod method, String uri, String token, Object body) {
		WebTestClient.RequestBodySpec request = this.client.method(method)
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, token);
		return (body != null) ? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
				: request.exchange();
	}

}
