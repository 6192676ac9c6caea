package io.inkwell.docs;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.support.Sql;

import org.springframework.http.HttpMethod;

import static io.inkwell.docs.ContractCase.of;
import static io.inkwell.docs.ContractFixtures.absent;
import static io.inkwell.docs.ContractFixtures.comment;
import static io.inkwell.docs.ContractFixtures.post;
import static io.inkwell.docs.ContractFixtures.softDeletedPost;
import static io.inkwell.docs.ContractFixtures.softDeletedUser;
import static io.inkwell.docs.ContractFixtures.user;
import static io.inkwell.docs.ContractRequests.delete;
import static io.inkwell.docs.ContractRequests.get;
import static io.inkwell.docs.ContractRequests.json;

/** Contract requests of the comments operations. */
final class CommentContractCases {

	private CommentContractCases() {
	}

	static List<ContractCase> cases() {
		return List
			.of(of("GET /api/posts/{postId}/comments", 200, "two comments, one by a deleted author", (client) -> {
				UUID post = post("PUBLISHED");
				comment(post, user());
				UUID gone = user();
				comment(post, gone);
				Sql.execute("UPDATE users SET deleted_at = now() WHERE id = ?", gone);
				return get(client, "/api/posts/{id}/comments?limit=1", post);
			}), of("GET /api/posts/{postId}/comments", 200, "no comments",
					(client) -> get(client, "/api/posts/{id}/comments", post("PUBLISHED"))),
					of("GET /api/posts/{postId}/comments", 400, "foreign cursor",
							(client) -> get(client, "/api/posts/{id}/comments?cursor=abc", post("PUBLISHED"))),
					of("GET /api/posts/{postId}/comments", 404, "soft-deleted post",
							(client) -> get(client, "/api/posts/{id}/comments", softDeletedPost())),
					of("POST /api/posts/{postId}/comments", 201, "comment",
							(client) -> json(client, HttpMethod.POST, Map.of("authorId", user(), "content", "Well put"),
									"/api/posts/{id}/comments", post("PUBLISHED"))),
					of("POST /api/posts/{postId}/comments", 400, "blank content",
							(client) -> json(client, HttpMethod.POST, Map.of("authorId", user(), "content", " "),
									"/api/posts/{id}/comments", post("PUBLISHED"))),
					of("POST /api/posts/{postId}/comments", 404, "unknown post",
							(client) -> json(client, HttpMethod.POST, Map.of("authorId", user(), "content", "Hello"),
									"/api/posts/{id}/comments", absent())),
					of("POST /api/posts/{postId}/comments", 422, "soft-deleted author",
							(client) -> json(client, HttpMethod.POST,
									Map.of("authorId", softDeletedUser(), "content", "Hi"), "/api/posts/{id}/comments",
									post("PUBLISHED"))),
					of("GET /api/comments/{id}", 200, "live comment",
							(client) -> get(client, "/api/comments/{id}", comment(post("PUBLISHED"), user()))),
					of("GET /api/comments/{id}", 400, "malformed id", (client) -> get(client, "/api/comments/x")),
					of("GET /api/comments/{id}", 404, "unknown comment",
							(client) -> get(client, "/api/comments/{id}", absent())),
					of("PATCH /api/comments/{id}", 200, "edited",
							(client) -> json(client, HttpMethod.PATCH, Map.of("content", "Edited"),
									"/api/comments/{id}", comment(post("PUBLISHED"), user()))),
					of("PATCH /api/comments/{id}", 400, "content too long",
							(client) -> json(client, HttpMethod.PATCH, Map.of("content", "x".repeat(10001)),
									"/api/comments/{id}", comment(post("PUBLISHED"), user()))),
					of("PATCH /api/comments/{id}", 404, "unknown comment",
							(client) -> json(client, HttpMethod.PATCH, Map.of("content", "X"), "/api/comments/{id}",
									absent())),
					of("DELETE /api/comments/{id}", 204, "live comment",
							(client) -> delete(client, "/api/comments/{id}", comment(post("PUBLISHED"), user()))),
					of("DELETE /api/comments/{id}", 400, "malformed id", (client) -> delete(client, "/api/comments/x")),
					of("DELETE /api/comments/{id}", 404, "unknown comment",
							(client) -> delete(client, "/api/comments/{id}", absent())));
	}

}
