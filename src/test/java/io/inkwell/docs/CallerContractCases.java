package io.inkwell.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.docs.ContractCase.Caller;
import io.inkwell.docs.OpenApiContract.Operation;
import io.inkwell.security.Access;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import static io.inkwell.docs.ContractCase.of;
import static io.inkwell.docs.ContractFixtures.category;
import static io.inkwell.docs.ContractFixtures.comment;
import static io.inkwell.docs.ContractFixtures.link;
import static io.inkwell.docs.ContractFixtures.post;
import static io.inkwell.docs.ContractFixtures.softDeletedPost;
import static io.inkwell.docs.ContractFixtures.transfer;
import static io.inkwell.docs.ContractFixtures.user;
import static io.inkwell.docs.ContractFixtures.userWithCredits;
import static io.inkwell.docs.ContractRequests.delete;
import static io.inkwell.docs.ContractRequests.get;
import static io.inkwell.docs.ContractRequests.json;
import static io.inkwell.docs.ContractRequests.post;

/**
 * Contract requests of callers other than an ADMIN: made from the document and the route
 * table for every operation (a forged token, anonymous callers of protected operations,
 * USERs of ADMIN-only ones), and by hand for what the services decide (someone else's
 * resources).
 */
final class CallerContractCases {

	private CallerContractCases() {
	}

	static List<ContractCase> cases() {
		List<ContractCase> cases = new ArrayList<>(fromRouteTable());
		cases.addAll(ownership());
		cases.addAll(anonymous());
		return cases;
	}

	/**
	 * The answers the security chain gives before any handler runs: 401 for a forged
	 * token on every operation, 401 for anonymous callers of protected ones, 403 for
	 * USERs of ADMIN-only ones.
	 */
	static List<ContractCase> fromRouteTable() {
		OpenApiContract contract = OpenApiContract.get();
		List<ContractCase> cases = new ArrayList<>();
		for (Operation operation : contract.operations()) {
			Access access = DocumentedSecurity.accessOf(operation);
			boolean body = contract.operationNode(operation).has("requestBody");
			ContractCase.Exchange request = (client) -> body
					? ContractRequests.raw(client, operation.method(), MediaType.APPLICATION_JSON, "{}",
							contract.examplePath(operation))
					: client.method(operation.method()).uri(contract.examplePath(operation));
			cases.add(new ContractCase(operation, 401, "forged token", Caller.FORGED, request));
			if (access != Access.PUBLIC) {
				cases.add(new ContractCase(operation, 401, "no token", Caller.ANONYMOUS, request));
			}
			if (access == Access.ADMIN || access == Access.MODERATOR) {
				cases.add(new ContractCase(operation, 403, "USER token", Caller.USER, request));
			}
		}
		return cases;
	}

	/** A USER acting on what belongs to someone else: 403 from the feature's service. */
	static List<ContractCase> ownership() {
		return List.of(
				of(Caller.USER, "PATCH /api/users/{id}", 403, "another user",
						(client) -> json(client, HttpMethod.PATCH, Map.of("name", "Mine now"), "/api/users/{id}",
								user())),
				of(Caller.USER, "DELETE /api/users/{id}", 403, "another user",
						(client) -> delete(client, "/api/users/{id}", user())),
				of(Caller.USER, "PUT /api/users/{id}/profile", 403, "another user's profile",
						(client) -> json(client, HttpMethod.PUT, Map.of("bio", "Mine"), "/api/users/{id}/profile",
								user())),
				of(Caller.USER, "PATCH /api/users/{id}/profile", 403, "another user's profile",
						(client) -> json(client, HttpMethod.PATCH, Map.of("bio", "Mine"), "/api/users/{id}/profile",
								ContractFixtures.userWithProfile())),
				of(Caller.USER, "POST /api/users/{authorId}/posts/publish-drafts", 403, "another author's drafts",
						(client) -> post(client, "/api/users/{id}/posts/publish-drafts", user())),
				of(Caller.USER, "POST /api/posts", 403, "another user named as author",
						(client) -> json(client, HttpMethod.POST, Map.of("authorId", user(), "title", "Not mine"),
								"/api/posts")),
				of(Caller.USER, "PATCH /api/posts/{id}", 403, "another author's post",
						(client) -> json(client, HttpMethod.PATCH, Map.of("title", "Mine now"), "/api/posts/{id}",
								post("PUBLISHED"))),
				of(Caller.USER, "DELETE /api/posts/{id}", 403, "another author's post",
						(client) -> delete(client, "/api/posts/{id}", post("PUBLISHED"))),
				of(Caller.USER, "POST /api/posts/{id}/restore", 403, "another author's post",
						(client) -> post(client, "/api/posts/{id}/restore", post("PUBLISHED"))),
				of(Caller.USER, "POST /api/posts/{id}/publish", 403, "another author's post",
						(client) -> post(client, "/api/posts/{id}/publish", post("PUBLISHED"))),
				of(Caller.USER, "POST /api/posts/{id}/categories", 403, "another author's post",
						(client) -> json(client, HttpMethod.POST, Map.of("categoryIds", List.of(category())),
								"/api/posts/{id}/categories", post("PUBLISHED"))),
				of(Caller.USER, "PUT /api/posts/{id}/categories", 403, "another author's post",
						(client) -> json(client, HttpMethod.PUT, Map.of("categoryIds", List.of()),
								"/api/posts/{id}/categories", post("PUBLISHED"))),
				of(Caller.USER, "DELETE /api/posts/{id}/categories/{categoryId}", 403, "another author's post",
						(client) -> {
							UUID post = post("PUBLISHED");
							UUID category = category();
							link(post, category);
							return delete(client, "/api/posts/{id}/categories/{categoryId}", post, category);
						}),
				of(Caller.USER, "POST /api/posts/{postId}/comments", 403, "another user named as author",
						(client) -> json(client, HttpMethod.POST, Map.of("authorId", user(), "content", "Not mine"),
								"/api/posts/{postId}/comments", post("PUBLISHED"))),
				of(Caller.USER, "PATCH /api/comments/{id}", 403, "another user's comment",
						(client) -> json(client, HttpMethod.PATCH, Map.of("content", "Mine now"), "/api/comments/{id}",
								comment(post("PUBLISHED"), user()))),
				of(Caller.USER, "DELETE /api/comments/{id}", 403, "another user's comment",
						(client) -> delete(client, "/api/comments/{id}", comment(post("PUBLISHED"), user()))),
				of(Caller.USER, "POST /api/transfers", 403, "another user's credits",
						(client) -> json(client, HttpMethod.POST,
								Map.of("fromUserId", userWithCredits(10), "toUserId", ContractFixtures.caller(),
										"amount", 1),
								"/api/transfers")),
				of(Caller.USER, "GET /api/transfers/{id}", 403, "between two other users",
						(client) -> get(client, "/api/transfers/{id}", transfer(user(), user()))),
				of(Caller.USER, "GET /api/posts/export", 403, "drafts asked for",
						(client) -> get(client, "/api/posts/export?status=DRAFT").header("Accept",
								"application/x-ndjson")),
				of("DELETE /api/admin/users/{id}", 409, "a user with a transfer in the ledger", (client) -> {
					UUID sender = user();
					transfer(sender, user());
					return delete(client, "/api/admin/users/{id}", sender);
				}));
	}

	/** Public operations without a token, and a USER's own account and writing. */
	static List<ContractCase> anonymous() {
		return List.of(
				of(Caller.ANONYMOUS, "GET /api/posts", 200, "published posts",
						(client) -> get(client, "/api/posts?status=PUBLISHED&limit=2")),
				of(Caller.ANONYMOUS, "GET /api/posts/{id}", 404, "a draft",
						(client) -> get(client, "/api/posts/{id}", post("DRAFT"))),
				of(Caller.ANONYMOUS, "GET /api/posts/{id}", 200, "a published post",
						(client) -> get(client, "/api/posts/{id}?include=author", post("PUBLISHED"))),
				of(Caller.ANONYMOUS, "GET /api/users/{id}", 200, "a user",
						(client) -> get(client, "/api/users/{id}", user())),
				of(Caller.ANONYMOUS, "GET /api/posts/{postId}/comments", 200, "a published post's comments",
						(client) -> {
							UUID post = post("PUBLISHED");
							comment(post, user());
							return get(client, "/api/posts/{postId}/comments", post);
						}),
				of(Caller.ANONYMOUS, "GET /api/categories", 200, "the categories",
						(client) -> get(client, "/api/categories?limit=2")),
				of(Caller.ANONYMOUS, "GET /api/stats/top-authors", 200, "the ranking",
						(client) -> get(client, "/api/stats/top-authors?limit=2")),
				of(Caller.ANONYMOUS, "GET /openapi.yaml", 200, "the document",
						(client) -> get(client, "/openapi.yaml")),
				of(Caller.USER, "POST /api/posts", 201, "no authorId: the caller writes",
						(client) -> json(client, HttpMethod.POST, Map.of("title", "Mine"), "/api/posts")),
				of(Caller.USER, "POST /api/posts/{postId}/comments", 201, "no authorId: the caller writes",
						(client) -> json(client, HttpMethod.POST, Map.of("content", "Mine"),
								"/api/posts/{postId}/comments", post("PUBLISHED"))),
				of(Caller.USER, "GET /api/auth/me", 200, "the caller's account",
						(client) -> get(client, "/api/auth/me")),
				of(Caller.USER, "DELETE /api/posts/{id}", 404, "a soft-deleted post",
						(client) -> delete(client, "/api/posts/{id}", softDeletedPost())));
	}

}
