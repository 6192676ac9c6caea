package io.inkwell.docs;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.support.Tokens;
import io.inkwell.security.Role;

import org.springframework.http.HttpMethod;

import static io.inkwell.docs.ContractCase.of;
import static io.inkwell.docs.ContractFixtures.absent;
import static io.inkwell.docs.ContractFixtures.email;
import static io.inkwell.docs.ContractFixtures.post;
import static io.inkwell.docs.ContractFixtures.user;
import static io.inkwell.docs.ContractRequests.delete;
import static io.inkwell.docs.ContractRequests.get;
import static io.inkwell.docs.ContractRequests.json;

/**
 * Contract requests of sign-up, login, the caller's account and the ADMIN hard deletes.
 */
final class AuthContractCases {

	private AuthContractCases() {
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
