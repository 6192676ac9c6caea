package io.inkwell.docs;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.inkwell.docs.ContractCase.of;
import static io.inkwell.docs.ContractFixtures.caller;
import static io.inkwell.docs.ContractFixtures.category;
import static io.inkwell.docs.ContractFixtures.comment;
import static io.inkwell.docs.ContractFixtures.post;
import static io.inkwell.docs.ContractFixtures.transfer;
import static io.inkwell.docs.ContractFixtures.unique;
import static io.inkwell.docs.ContractFixtures.user;
import static io.inkwell.docs.ContractFixtures.userWithProfile;
import static io.inkwell.docs.ContractRequests.delete;
import static io.inkwell.docs.ContractRequests.get;
import static io.inkwell.docs.ContractRequests.json;

/**
 * Conditional requests: a 304 for the {@code ETag} of a first read sent back in
 * {@code If-None-Match}, and a 412 for an {@code If-Match} that names no current version.
 */
final class ConditionalContractCases {

	/** A tag of the server's form whose version no row has. */
	private static final String STALE = "\"1000000-000000000000000000000000\"";

	private ConditionalContractCases() {
	}

	static List<ContractCase> cases() {
		return List.of(
				of("GET /api/users/{id}", 304, "unchanged", (client) -> unchanged(client, "/api/users/" + user())),
				of("GET /api/users", 304, "unchanged", (client) -> unchanged(client, "/api/users?limit=2")),
				of("GET /api/users/{id}/profile", 304, "unchanged",
						(client) -> unchanged(client, "/api/users/" + userWithProfile() + "/profile")),
				of("GET /api/posts", 304, "unchanged", (client) -> unchanged(client, "/api/posts?limit=2")),
				of("GET /api/posts/{id}", 304, "unchanged",
						(client) -> unchanged(client, "/api/posts/" + post("PUBLISHED"))),
				of("GET /api/posts/{postId}/comments", 304, "unchanged",
						(client) -> unchanged(client, "/api/posts/" + post("PUBLISHED") + "/comments")),
				of("GET /api/comments/{id}", 304, "unchanged",
						(client) -> unchanged(client, "/api/comments/" + comment(post("PUBLISHED"), user()))),
				of("GET /api/categories", 304, "unchanged", (client) -> unchanged(client, "/api/categories")),
				of("GET /api/categories/{id}", 304, "unchanged",
						(client) -> unchanged(client, "/api/categories/" + category())),
				of("GET /api/transfers/{id}", 304, "unchanged",
						(client) -> unchanged(client, "/api/transfers/" + transfer(caller(), user()))),
				of("PATCH /api/users/{id}", 412, "stale If-Match",
						(client) -> stale(
								json(client, HttpMethod.PATCH, Map.of("name", "X"), "/api/users/{id}", user()))),
				of("DELETE /api/users/{id}", 412, "stale If-Match",
						(client) -> stale(delete(client, "/api/users/{id}", user()))),
				of("PUT /api/users/{id}/profile", 412, "stale If-Match",
						(client) -> stale(json(client, HttpMethod.PUT, Map.of("bio", "x"), "/api/users/{id}/profile",
								userWithProfile()))),
				of("PATCH /api/users/{id}/profile", 412, "stale If-Match",
						(client) -> stale(json(client, HttpMethod.PATCH, Map.of("bio", "x"), "/api/users/{id}/profile",
								userWithProfile()))),
				of("PATCH /api/posts/{id}", 412, "stale If-Match",
						(client) -> stale(json(client, HttpMethod.PATCH, Map.of("title", "x"), "/api/posts/{id}",
								post("DRAFT")))),
				of("DELETE /api/posts/{id}", 412, "stale If-Match",
						(client) -> stale(delete(client, "/api/posts/{id}", post("DRAFT")))),
				of("PATCH /api/comments/{id}", 412, "stale If-Match",
						(client) -> stale(json(client, HttpMethod.PATCH, Map.of("content", "x"), "/api/comments/{id}",
								comment(post("PUBLISHED"), user())))),
				of("DELETE /api/comments/{id}", 412, "stale If-Match",
						(client) -> stale(delete(client, "/api/comments/{id}", comment(post("PUBLISHED"), user())))),
				of("PATCH /api/categories/{id}", 412, "stale If-Match",
						(client) -> stale(json(client, HttpMethod.PATCH, Map.of("name", unique("Stale")),
								"/api/categories/{id}", category()))),
				of("DELETE /api/categories/{id}", 412, "stale If-Match",
						(client) -> stale(delete(client, "/api/categories/{id}", category()))));
	}

	/** A conditional GET with the ETag of a first one. */
	private static WebTestClient.RequestHeadersSpec<?> unchanged(WebTestClient client, String uri) {
		String etag = client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders()
			.getETag();
		return get(client, uri).header(HttpHeaders.IF_NONE_MATCH, etag);
	}

	private static WebTestClient.RequestHeadersSpec<?> stale(WebTestClient.RequestHeadersSpec<?> request) {
		return request.header(HttpHeaders.IF_MATCH, STALE);
	}

}
