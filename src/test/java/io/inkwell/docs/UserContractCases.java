package io.inkwell.docs;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.inkwell.docs.ContractCase.of;
import static io.inkwell.docs.ContractFixtures.absent;
import static io.inkwell.docs.ContractFixtures.email;
import static io.inkwell.docs.ContractFixtures.emailOf;
import static io.inkwell.docs.ContractFixtures.softDeletedUser;
import static io.inkwell.docs.ContractFixtures.user;
import static io.inkwell.docs.ContractFixtures.userWithProfile;
import static io.inkwell.docs.ContractRequests.delete;
import static io.inkwell.docs.ContractRequests.get;
import static io.inkwell.docs.ContractRequests.json;
import static io.inkwell.docs.ContractRequests.post;

/** Contract requests of the users and profiles operations. */
final class UserContractCases {

	private UserContractCases() {
	}

	static List<ContractCase> cases() {
		return List.of(
				of("POST /api/users", 201, "user with role and profile", (client) -> json(client, HttpMethod.POST,
						Map.of("email", email(), "name", "Ada", "role", "MODERATOR", "profile",
								Map.of("bio", "Compilers", "avatar", "https://a.example/a.png")),
						"/api/users")),
				of("POST /api/users", 400, "invalid fields",
						(client) -> json(client, HttpMethod.POST, Map.of("email", "not-an-email", "name", " "),
								"/api/users")),
				of("POST /api/users", 400, "not JSON", (client) -> json(client, HttpMethod.POST, "{", "/api/users")),
				of("POST /api/users", 409, "taken e-mail",
						(client) -> json(client, HttpMethod.POST, Map.of("email", emailOf(user()), "name", "Twin"),
								"/api/users")),
				of("GET /api/users", 200, "first page", (client) -> get(client, "/api/users?limit=2")),
				of("GET /api/users", 200, "next page",
						(client) -> get(client, "/api/users?limit=1&cursor={cursor}",
								nextCursor(client, "/api/users?limit=1"))),
				of("GET /api/users", 400, "limit below 1", (client) -> get(client, "/api/users?limit=0")),
				of("GET /api/users", 400, "foreign cursor", (client) -> get(client, "/api/users?cursor=bm90LW91cnM")),

				of("POST /api/users/bulk", 201, "two users", (client) -> json(client, HttpMethod.POST,
						Map.of("users",
								List.of(Map.of("email", email(), "name", "One"),
										Map.of("email", email(), "name", "Two", "role", "ADMIN"))),
						"/api/users/bulk")),
				of("POST /api/users/bulk", 200, "every user skipped",
						(client) -> json(client, HttpMethod.POST,
								Map.of("users", List.of(Map.of("email", emailOf(user()), "name", "Again"))),
								"/api/users/bulk?skipDuplicates=true")),
				of("POST /api/users/bulk", 400, "no users",
						(client) -> json(client, HttpMethod.POST, Map.of("users", List.of()), "/api/users/bulk")),
				of("POST /api/users/bulk", 400, "bad skipDuplicates",
						(client) -> json(client, HttpMethod.POST,
								Map.of("users", List.of(Map.of("email", email(), "name", "X"))),
								"/api/users/bulk?skipDuplicates=maybe")),
				of("POST /api/users/bulk", 409, "taken e-mail", (client) -> json(client, HttpMethod.POST,
						Map.of("users",
								List.of(Map.of("email", email(), "name", "New"),
										Map.of("email", emailOf(user()), "name", "Taken"))),
						"/api/users/bulk")),

				of("PUT /api/users/by-email/{email}", 201, "new e-mail",
						(client) -> json(client, HttpMethod.PUT, Map.of("name", "Upserted"),
								"/api/users/by-email/{email}", email())),
				of("PUT /api/users/by-email/{email}", 200, "existing user",
						(client) -> json(client, HttpMethod.PUT, Map.of("name", "Renamed", "role", "ADMIN"),
								"/api/users/by-email/{email}", emailOf(user()))),
				of("PUT /api/users/by-email/{email}", 400, "not an e-mail",
						(client) -> json(client, HttpMethod.PUT, Map.of("name", "X"), "/api/users/by-email/{email}",
								"not-an-email")),
				of("PUT /api/users/by-email/{email}", 409, "soft-deleted user's e-mail",
						(client) -> json(client, HttpMethod.PUT, Map.of("name", "Back"), "/api/users/by-email/{email}",
								emailOf(softDeletedUser()))),

				of("GET /api/users/{id}", 200, "live user", (client) -> get(client, "/api/users/{id}", user())),
				of("GET /api/users/{id}", 400, "malformed id", (client) -> get(client, "/api/users/not-a-uuid")),
				of("GET /api/users/{id}", 404, "unknown id", (client) -> get(client, "/api/users/{id}", absent())),
				of("PATCH /api/users/{id}", 200, "name and profile",
						(client) -> json(client, HttpMethod.PATCH,
								Map.of("name", "Grace", "profile", Map.of("bio", "Navy")), "/api/users/{id}", user())),
				of("PATCH /api/users/{id}", 400, "invalid e-mail",
						(client) -> json(client, HttpMethod.PATCH, Map.of("email", "nope"), "/api/users/{id}", user())),
				of("PATCH /api/users/{id}", 404, "unknown id",
						(client) -> json(client, HttpMethod.PATCH, Map.of("name", "X"), "/api/users/{id}", absent())),
				of("PATCH /api/users/{id}", 409, "another user's e-mail",
						(client) -> json(client, HttpMethod.PATCH, Map.of("email", emailOf(user())), "/api/users/{id}",
								user())),
				of("DELETE /api/users/{id}", 204, "live user", (client) -> delete(client, "/api/users/{id}", user())),
				of("DELETE /api/users/{id}", 400, "malformed id", (client) -> delete(client, "/api/users/1-2-3")),
				of("DELETE /api/users/{id}", 404, "unknown id",
						(client) -> delete(client, "/api/users/{id}", absent())),
				of("POST /api/users/{id}/restore", 200, "soft-deleted user",
						(client) -> post(client, "/api/users/{id}/restore", softDeletedUser())),
				of("POST /api/users/{id}/restore", 400, "malformed id",
						(client) -> post(client, "/api/users/x/restore")),
				of("POST /api/users/{id}/restore", 404, "unknown id",
						(client) -> post(client, "/api/users/{id}/restore", absent())),

				of("GET /api/users/{id}/profile", 200, "user with a profile",
						(client) -> get(client, "/api/users/{id}/profile", userWithProfile())),
				of("GET /api/users/{id}/profile", 400, "malformed id", (client) -> get(client, "/api/users/x/profile")),
				of("GET /api/users/{id}/profile", 404, "user without a profile",
						(client) -> get(client, "/api/users/{id}/profile", user())),
				of("PUT /api/users/{id}/profile", 201, "first profile",
						(client) -> json(client, HttpMethod.PUT, Map.of("bio", "New"), "/api/users/{id}/profile",
								user())),
				of("PUT /api/users/{id}/profile", 200, "replaced profile",
						(client) -> json(client, HttpMethod.PUT, Map.of("avatar", "https://a.example/b.png"),
								"/api/users/{id}/profile", userWithProfile())),
				of("PUT /api/users/{id}/profile", 400, "bio too long",
						(client) -> json(client, HttpMethod.PUT, Map.of("bio", "x".repeat(2001)),
								"/api/users/{id}/profile", user())),
				of("PUT /api/users/{id}/profile", 404, "unknown user",
						(client) -> json(client, HttpMethod.PUT, Map.of("bio", "x"), "/api/users/{id}/profile",
								absent())),
				of("PATCH /api/users/{id}/profile", 200, "bio only",
						(client) -> json(client, HttpMethod.PATCH, Map.of("bio", "Changed"), "/api/users/{id}/profile",
								userWithProfile())),
				of("PATCH /api/users/{id}/profile", 400, "avatar too long",
						(client) -> json(client, HttpMethod.PATCH, Map.of("avatar", "x".repeat(2049)),
								"/api/users/{id}/profile", userWithProfile())),
				of("PATCH /api/users/{id}/profile", 404, "user without a profile", (client) -> json(client,
						HttpMethod.PATCH, Map.of("bio", "x"), "/api/users/{id}/profile", user())));
	}

	/**
	 * The {@code nextCursor} of a first page (there is always more than one user by now).
	 */
	static String nextCursor(WebTestClient client, String uri) {
		Map<?, ?> page = client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		Object cursor = (page != null) ? page.get("nextCursor") : null;
		if (cursor == null) {
			throw new IllegalStateException(uri + " has no next page");
		}
		return cursor.toString();
	}

	static UUID idOf(WebTestClient.RequestHeadersSpec<?> request) {
		Map<?, ?> body = request.exchange()
			.expectStatus()
			.is2xxSuccessful()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return UUID.fromString(String.valueOf(body.get("id")));
	}

}
