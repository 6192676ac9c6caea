package io.inkwell.docs;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.docs.ContractCase.Caller;
import io.inkwell.security.Role;
import io.inkwell.support.Tokens;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.inkwell.docs.ContractCase.of;
import static io.inkwell.docs.ContractFixtures.absent;
import static io.inkwell.docs.ContractFixtures.email;
import static io.inkwell.docs.ContractFixtures.post;
import static io.inkwell.docs.ContractFixtures.user;
import static io.inkwell.docs.ContractRequests.delete;
import static io.inkwell.docs.ContractRequests.get;
import static io.inkwell.docs.ContractRequests.json;
import static io.inkwell.docs.ContractRequests.post;

/**
 * Contract requests of sign-up, login, the caller's account and the ADMIN hard deletes.
 */
final class AuthContractCases {

	private AuthContractCases() {
	}

	/** The {@code Authorization} value of a login of a new user. */
	private static String freshLogin(WebTestClient client) {
		UUID account = Tokens.createUser(Role.USER, "logout");
		Map<?, ?> token = client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", Tokens.emailOf("logout", account), "password", Tokens.PASSWORD))
			.exchange()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return "Bearer " + token.get("token");
	}

	static List<ContractCase> cases() {
		return List.of(
				of("POST /api/auth/register", 201, "new account",
						(client) -> json(client, HttpMethod.POST,
								Map.of("email", email(), "name", "Signer", "password", "a-long-enough-password"),
								"/api/auth/register")),
				of("POST /api/auth/register", 400, "short password",
						(client) -> json(client, HttpMethod.POST,
								Map.of("email", email(), "name", "Signer", "password", "short"), "/api/auth/register")),
				of("POST /api/auth/register", 409, "taken e-mail", (client) -> {
					UUID existing = Tokens.createUser(Role.USER, "taken");
					return json(client, HttpMethod.POST, Map.of("email", Tokens.emailOf("taken", existing), "name",
							"Again", "password", "a-long-enough-password"), "/api/auth/register");
				}), of("POST /api/auth/login", 200, "right password", (client) -> {
					UUID account = Tokens.createUser(Role.USER, "login");
					return json(client, HttpMethod.POST,
							Map.of("email", Tokens.emailOf("login", account), "password", Tokens.PASSWORD),
							"/api/auth/login");
				}),
				of("POST /api/auth/login", 400, "no password",
						(client) -> json(client, HttpMethod.POST, Map.of("email", email()), "/api/auth/login")),
				of("POST /api/auth/login", 401, "wrong password", (client) -> {
					UUID account = Tokens.createUser(Role.USER, "login");
					return json(client, HttpMethod.POST,
							Map.of("email", Tokens.emailOf("login", account), "password", "not-the-password"),
							"/api/auth/login");
				}), of("GET /api/auth/me", 200, "the caller", (client) -> get(client, "/api/auth/me")),
				of("GET /api/auth/me", 400, "a query parameter", (client) -> get(client, "/api/auth/me?x=1")),
				of("GET /api/auth/me", 401, "a forged token",
						(client) -> get(client, "/api/auth/me").header("Authorization", "Bearer not.a.token")),
				// its own account: the shared callers' tokens must stay valid
				of("POST /api/auth/logout-all", 204, "a fresh login",
						(client) -> post(client, "/api/auth/logout-all").header("Authorization", freshLogin(client))),
				of("POST /api/auth/logout-all", 400, "a query parameter",
						(client) -> post(client, "/api/auth/logout-all?x=1")),
				of("POST /api/auth/logout-all", 401, "a forged token",
						(client) -> post(client, "/api/auth/logout-all").header("Authorization", "Bearer not.a.token")),
				of("POST /api/users/{id}/revoke-tokens", 204, "user",
						(client) -> post(client, "/api/users/{id}/revoke-tokens", user())),
				of("POST /api/users/{id}/revoke-tokens", 400, "malformed id",
						(client) -> post(client, "/api/users/x/revoke-tokens")),
				of("POST /api/users/{id}/revoke-tokens", 401, "a forged token",
						(client) -> post(client, "/api/users/{id}/revoke-tokens", user()).header("Authorization",
								"Bearer not.a.token")),
				of(Caller.USER, "POST /api/users/{id}/revoke-tokens", 403, "a USER",
						(client) -> post(client, "/api/users/{id}/revoke-tokens", user())),
				of("POST /api/users/{id}/revoke-tokens", 404, "unknown id",
						(client) -> post(client, "/api/users/{id}/revoke-tokens", absent())),
				of("DELETE /api/admin/users/{id}", 204, "user",
						(client) -> delete(client, "/api/admin/users/{id}", user())),
				of("DELETE /api/admin/users/{id}", 400, "malformed id",
						(client) -> delete(client, "/api/admin/users/x")),
				of("DELETE /api/admin/users/{id}", 404, "unknown id",
						(client) -> delete(client, "/api/admin/users/{id}", absent())),
				of("DELETE /api/admin/posts/{id}", 204, "post",
						(client) -> delete(client, "/api/admin/posts/{id}", post("PUBLISHED"))),
				of("DELETE /api/admin/posts/{id}", 400, "malformed id",
						(client) -> delete(client, "/api/admin/posts/x")),
				of("DELETE /api/admin/posts/{id}", 404, "unknown id",
						(client) -> delete(client, "/api/admin/posts/{id}", absent())));
	}

}
