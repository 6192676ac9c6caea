package io.inkwell.docs;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.support.Sql;

import org.springframework.http.HttpMethod;

import static io.inkwell.docs.ContractCase.of;
import static io.inkwell.docs.ContractFixtures.absent;
import static io.inkwell.docs.ContractFixtures.category;
import static io.inkwell.docs.ContractFixtures.comment;
import static io.inkwell.docs.ContractFixtures.link;
import static io.inkwell.docs.ContractFixtures.post;
import static io.inkwell.docs.ContractFixtures.softDeletedPost;
import static io.inkwell.docs.ContractFixtures.softDeletedUser;
import static io.inkwell.docs.ContractFixtures.user;
import static io.inkwell.docs.ContractRequests.delete;
import static io.inkwell.docs.ContractRequests.get;
import static io.inkwell.docs.ContractRequests.json;
import static io.inkwell.docs.ContractRequests.post;

/**
 * Contract requests of the posts operations (export is in {@link MoneyContractCases}).
 */
final class PostContractCases {

	private PostContractCases() {
	}

	static List<ContractCase> cases() {
		return List.of(
				of("POST /api/posts", 201, "published post with categories",
						(client) -> json(client, HttpMethod.POST,
								Map.of("authorId", user(), "title", "Contracts", "body", "Why documents drift",
										"status", "PUBLISHED", "categoryIds", List.of(category())),
								"/api/posts")),
				of("POST /api/posts", 400, "blank title, no author",
						(client) -> json(client, HttpMethod.POST, Map.of("title", " "), "/api/posts")),
				of("POST /api/posts", 400, "unknown status",
						(client) -> json(client, HttpMethod.POST,
								Map.of("authorId", user(), "title", "T", "status", "LIVE"), "/api/posts")),
				of("POST /api/posts", 422, "unknown author",
						(client) -> json(client, HttpMethod.POST, Map.of("authorId", absent(), "title", "T"),
								"/api/posts")),
				of("POST /api/posts", 422, "unknown category", (client) -> json(client, HttpMethod.POST,
						Map.of("authorId", user(), "title", "T", "categoryIds", List.of(absent())), "/api/posts")),

				of("GET /api/posts", 200, "an author's posts", (client) -> {
					UUID author = user();
					post(author, "DRAFT");
					post(author, "PUBLISHED");
					return get(client, "/api/posts?authorId={author}&limit=1", author);
				}), of("GET /api/posts", 200, "sparse fields and every relation", (client) -> {
					UUID author = user();
					UUID post = post(author, "PUBLISHED");
					link(post, category());
					comment(post, author);
					return get(client, "/api/posts?authorId={author}&fields=id,title,body,updatedAt"
							+ "&include=author,categories,commentCount", author);
				}),
				of("GET /api/posts", 200, "fields and include repeated, as generated clients send them", (client) -> {
					UUID author = user();
					link(post(author, "PUBLISHED"), category());
					return get(client, "/api/posts?authorId={author}&fields=id&fields=title"
							+ "&include=author&include=categories,commentCount", author);
				}),
				of("GET /api/posts", 400, "empty include entry",
						(client) -> get(client, "/api/posts?include=author&include=")),
				of("GET /api/posts", 200, "soft-deleted author written as null", (client) -> {
					UUID author = user();
					post(author, "PUBLISHED");
					Sql.execute("UPDATE users SET deleted_at = now() WHERE id = ?", author);
					return get(client, "/api/posts?authorId={author}&include=author", author);
				}),
				of("GET /api/posts", 200, "offset paging",
						(client) -> get(client, "/api/posts?status=PUBLISHED&page=1&size=2")),
				of("GET /api/posts", 200, "every filter and a sort", (client) -> {
					UUID category = category();
					link(post("PUBLISHED"), category);
					return get(client, "/api/posts?status=PUBLISHED&categoryId={category}&q=contract&search=contracts"
							+ "&publishedFrom=2000-01-01T00:00:00Z&publishedTo=2999-01-01T00:00:00Z&sort=-title",
							category);
				}),
				of("GET /api/posts", 200, "next page by cursor",
						(client) -> get(client, "/api/posts?limit=1&cursor={cursor}",
								UserContractCases.nextCursor(client, "/api/posts?limit=1"))),
				of("GET /api/posts", 400, "sort outside the whitelist", (client) -> get(client, "/api/posts?sort=id")),
				of("GET /api/posts", 400, "offset and cursor paging mixed",
						(client) -> get(client, "/api/posts?page=2&limit=5")),
				of("GET /api/posts", 400, "unknown include", (client) -> get(client, "/api/posts?include=likes")),
				of("DELETE /api/posts", 200, "none that old",
						(client) -> delete(client, "/api/posts?status=ARCHIVED&olderThanDays=36500")),
				of("DELETE /api/posts", 400, "no status", (client) -> delete(client, "/api/posts?olderThanDays=30")),

				of("GET /api/posts/{id}", 200, "every attribute",
						(client) -> get(client, "/api/posts/{id}", post("DRAFT"))),
				of("GET /api/posts/{id}", 200, "shaped", (client) -> {
					UUID post = post("PUBLISHED");
					link(post, category());
					return get(client,
							"/api/posts/{id}?fields=title,publishedAt&include=author,categories,commentCount", post);
				}), of("GET /api/posts/{id}", 400, "malformed id", (client) -> get(client, "/api/posts/12")),
				of("GET /api/posts/{id}", 400, "unknown field",
						(client) -> get(client, "/api/posts/{id}?fields=author", post("DRAFT"))),
				of("GET /api/posts/{id}", 404, "soft-deleted post",
						(client) -> get(client, "/api/posts/{id}", softDeletedPost())),
				of("PATCH /api/posts/{id}", 200, "title and publication",
						(client) -> json(client, HttpMethod.PATCH, Map.of("title", "Renamed", "status", "PUBLISHED"),
								"/api/posts/{id}", post("DRAFT"))),
				of("PATCH /api/posts/{id}", 400, "blank title",
						(client) -> json(client, HttpMethod.PATCH, Map.of("title", "  "), "/api/posts/{id}",
								post("DRAFT"))),
				of("PATCH /api/posts/{id}", 404, "unknown post",
						(client) -> json(client, HttpMethod.PATCH, Map.of("title", "X"), "/api/posts/{id}", absent())),
				of("DELETE /api/posts/{id}", 204, "live post",
						(client) -> delete(client, "/api/posts/{id}", post("DRAFT"))),
				of("DELETE /api/posts/{id}", 400, "malformed id", (client) -> delete(client, "/api/posts/x")),
				of("DELETE /api/posts/{id}", 404, "unknown post",
						(client) -> delete(client, "/api/posts/{id}", absent())),
				of("POST /api/posts/{id}/restore", 200, "soft-deleted post",
						(client) -> post(client, "/api/posts/{id}/restore", softDeletedPost())),
				of("POST /api/posts/{id}/restore", 400, "malformed id",
						(client) -> post(client, "/api/posts/x/restore")),
				of("POST /api/posts/{id}/restore", 404, "unknown post",
						(client) -> post(client, "/api/posts/{id}/restore", absent())),
				of("POST /api/posts/{id}/publish", 200, "draft",
						(client) -> post(client, "/api/posts/{id}/publish", post("DRAFT"))),
				of("POST /api/posts/{id}/publish", 400, "malformed id",
						(client) -> post(client, "/api/posts/x/publish")),
				of("POST /api/posts/{id}/publish", 404, "unknown post",
						(client) -> post(client, "/api/posts/{id}/publish", absent())),
				of("POST /api/users/{authorId}/posts/publish-drafts", 200, "two drafts", (client) -> {
					UUID author = user();
					post(author, "DRAFT");
					post(author, "DRAFT");
					return post(client, "/api/users/{id}/posts/publish-drafts", author);
				}),
				of("POST /api/users/{authorId}/posts/publish-drafts", 400, "malformed id",
						(client) -> post(client, "/api/users/x/posts/publish-drafts")),
				of("POST /api/users/{authorId}/posts/publish-drafts", 404, "soft-deleted author",
						(client) -> post(client, "/api/users/{id}/posts/publish-drafts", softDeletedUser())),

				of("POST /api/posts/{id}/categories", 200, "two categories",
						(client) -> json(client, HttpMethod.POST,
								Map.of("categoryIds", List.of(category(), category())), "/api/posts/{id}/categories",
								post("DRAFT"))),
				of("POST /api/posts/{id}/categories", 400, "no list",
						(client) -> json(client, HttpMethod.POST, Map.of(), "/api/posts/{id}/categories",
								post("DRAFT"))),
				of("POST /api/posts/{id}/categories", 404, "unknown post",
						(client) -> json(client, HttpMethod.POST, Map.of("categoryIds", List.of(category())),
								"/api/posts/{id}/categories", absent())),
				of("POST /api/posts/{id}/categories", 422, "unknown category",
						(client) -> json(client, HttpMethod.POST, Map.of("categoryIds", List.of(absent())),
								"/api/posts/{id}/categories", post("DRAFT"))),
				of("PUT /api/posts/{id}/categories", 200, "replaced by one", (client) -> {
					UUID post = post("DRAFT");
					link(post, category());
					return json(client, HttpMethod.PUT, Map.of("categoryIds", List.of(category())),
							"/api/posts/{id}/categories", post);
				}),
				of("PUT /api/posts/{id}/categories", 200, "cleared",
						(client) -> json(client, HttpMethod.PUT, Map.of("categoryIds", List.of()),
								"/api/posts/{id}/categories", post("DRAFT"))),
				of("PUT /api/posts/{id}/categories", 400, "malformed id in the list",
						(client) -> json(client, HttpMethod.PUT, Map.of("categoryIds", List.of("x")),
								"/api/posts/{id}/categories", post("DRAFT"))),
				of("PUT /api/posts/{id}/categories", 404, "soft-deleted post",
						(client) -> json(client, HttpMethod.PUT, Map.of("categoryIds", List.of()),
								"/api/posts/{id}/categories", softDeletedPost())),
				of("PUT /api/posts/{id}/categories", 422, "unknown category",
						(client) -> json(client, HttpMethod.PUT, Map.of("categoryIds", List.of(absent())),
								"/api/posts/{id}/categories", post("DRAFT"))),
				of("DELETE /api/posts/{id}/categories/{categoryId}", 204, "linked category", (client) -> {
					UUID post = post("DRAFT");
					UUID category = category();
					link(post, category);
					return delete(client, "/api/posts/{id}/categories/{categoryId}", post, category);
				}),
				of("DELETE /api/posts/{id}/categories/{categoryId}", 400, "malformed category id",
						(client) -> delete(client, "/api/posts/{id}/categories/x", post("DRAFT"))),
				of("DELETE /api/posts/{id}/categories/{categoryId}", 404, "unknown post",
						(client) -> delete(client, "/api/posts/{id}/categories/{categoryId}", absent(), category())));
	}

}
