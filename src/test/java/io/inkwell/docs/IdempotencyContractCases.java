package io.inkwell.docs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.inkwell.docs.ContractCase.Caller;
import io.inkwell.support.TestDatabase;

import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.inkwell.docs.ContractCase.of;
import static io.inkwell.docs.ContractFixtures.absent;
import static io.inkwell.docs.ContractFixtures.email;
import static io.inkwell.docs.ContractFixtures.post;
import static io.inkwell.docs.ContractFixtures.user;
import static io.inkwell.docs.ContractFixtures.userWithCredits;
import static io.inkwell.docs.ContractRequests.get;
import static io.inkwell.docs.ContractRequests.json;

/**
 * Contract requests of {@code Idempotency-Key} (409 while a request with the key runs,
 * 422 for a key reused for another request) and of the credits ledger routes.
 */
final class IdempotencyContractCases {

	private static final String KEY = "Idempotency-Key";

	private IdempotencyContractCases() {
	}

	static List<ContractCase> cases() {
		return List.of(
				// 409: the key is held, as by a first request still running
				of("POST /api/users", 409, "Idempotency-Key in use",
						(client) -> held(
								json(client, HttpMethod.POST, Map.of("email", email(), "name", "Held"), "/api/users"))),
				of("POST /api/users/bulk", 409, "Idempotency-Key in use", (client) -> held(json(client, HttpMethod.POST,
						Map.of("users", List.of(Map.of("email", email(), "name", "Held"))), "/api/users/bulk"))),
				of("POST /api/posts", 409, "Idempotency-Key in use",
						(client) -> held(
								json(client, HttpMethod.POST, Map.of("title", "Held", "body", "b"), "/api/posts"))),
				of("POST /api/posts/{postId}/comments", 409, "Idempotency-Key in use",
						(client) -> held(json(client, HttpMethod.POST, Map.of("content", "held"),
								"/api/posts/{postId}/comments", post("PUBLISHED")))),
				of("POST /api/transfers", 409, "Idempotency-Key in use", (client) -> held(json(client, HttpMethod.POST,
						Map.of("fromUserId", userWithCredits(5), "toUserId", user(), "amount", 1), "/api/transfers"))),
				of("POST /api/users/{id}/credits", 409, "Idempotency-Key in use",
						(client) -> held(json(client, HttpMethod.POST, Map.of("amount", 5, "reason", "held"),
								"/api/users/{id}/credits", user()))),

				// 422: the key was used for another request first
				of("POST /api/users", 422, "Idempotency-Key reused",
						(client) -> reused(client, "/api/users", Map.of("email", email(), "name", "First"),
								Map.of("email", email(), "name", "Second"))),
				of("POST /api/users/bulk", 422, "Idempotency-Key reused",
						(client) -> reused(client, "/api/users/bulk",
								Map.of("users", List.of(Map.of("email", email(), "name", "First"))),
								Map.of("users", List.of(Map.of("email", email(), "name", "Second"))))),
				of("POST /api/posts", 422, "Idempotency-Key reused",
						(client) -> reused(client, "/api/posts", Map.of("title", "First", "body", "b"),
								Map.of("title", "Second", "body", "b"))),
				of("POST /api/posts/{postId}/comments", 422, "Idempotency-Key reused", (client) -> {
					UUID post = post("PUBLISHED");
					return reused(client, "/api/posts/" + post + "/comments", Map.of("content", "first"),
							Map.of("content", "second"));
				}), of("POST /api/transfers", 422, "Idempotency-Key reused", (client) -> {
					UUID from = userWithCredits(10);
					UUID to = user();
					return reused(client, "/api/transfers", Map.of("fromUserId", from, "toUserId", to, "amount", 1),
							Map.of("fromUserId", from, "toUserId", to, "amount", 2));
				}), of("POST /api/users/{id}/credits", 422, "Idempotency-Key reused", (client) -> {
					UUID user = user();
					return reused(client, "/api/users/" + user + "/credits", Map.of("amount", 1, "reason", "first"),
							Map.of("amount", 2, "reason", "second"));
				}),

				// grants
				of("POST /api/users/{id}/credits", 201, "a grant",
						(client) -> json(client, HttpMethod.POST, Map.of("amount", 25, "reason", "contract"),
								"/api/users/{id}/credits", user())),
				of("POST /api/users/{id}/credits", 400, "amount below 1",
						(client) -> json(client, HttpMethod.POST, Map.of("amount", 0, "reason", "contract"),
								"/api/users/{id}/credits", user())),
				of("POST /api/users/{id}/credits", 404, "unknown user",
						(client) -> json(client, HttpMethod.POST, Map.of("amount", 1, "reason", "contract"),
								"/api/users/{id}/credits", absent())),

				// a user's ledger
				of("GET /api/users/{id}/transfers", 200, "a user's ledger", (client) -> {
					UUID from = userWithCredits(10);
					json(client, HttpMethod.POST, Map.of("fromUserId", from, "toUserId", user(), "amount", 3),
							"/api/transfers")
						.exchange()
						.expectStatus()
						.isCreated();
					return get(client, "/api/users/{id}/transfers?limit=1", from);
				}),
				of("GET /api/users/{id}/transfers", 400, "malformed cursor",
						(client) -> get(client, "/api/users/{id}/transfers?cursor=x", user())),
				of("GET /api/users/{id}/transfers", 404, "unknown user",
						(client) -> get(client, "/api/users/{id}/transfers", absent())),
				of(Caller.USER, "GET /api/users/{id}/transfers", 403, "another user's ledger",
						(client) -> get(client, "/api/users/{id}/transfers", user())));
	}

	/**
	 * The request with a fresh key that every ADMIN and the USER caller hold for the next
	 * few seconds, as a first request with it would while it runs.
	 */
	private static WebTestClient.RequestHeadersSpec<?> held(WebTestClient.RequestHeadersSpec<?> request)
			throws SQLException {
		String key = UUID.randomUUID().toString();
		Connection holder = TestDatabase.get().connect();
		try (PreparedStatement lock = holder.prepareStatement("""
				SELECT count(pg_advisory_lock(hashtextextended(CAST(id AS text) || ' ' || ?, 0)))
				FROM users WHERE role = 'ADMIN' OR id = ?
				""")) {
			lock.setString(1, key);
			lock.setObject(2, ContractFixtures.caller());
			lock.executeQuery().close();
		}
		// session-level locks: they go with the connection
		CompletableFuture.delayedExecutor(10, TimeUnit.SECONDS).execute(() -> {
			try {
				holder.close();
			}
			catch (SQLException ex) {
				// the test database outlives the JVM's tests; nothing to do
			}
		});
		return request.header(KEY, key);
	}

	/**
	 * Uses a fresh key for {@code first}, then returns {@code second} with the same key.
	 */
	private static WebTestClient.RequestHeadersSpec<?> reused(WebTestClient client, String uri, Object first,
			Object second) {
		String key = UUID.randomUUID().toString();
		json(client, HttpMethod.POST, first, uri).header(KEY, key).exchange().expectStatus().is2xxSuccessful();
		return json(client, HttpMethod.POST, second, uri).header(KEY, key);
	}

}
