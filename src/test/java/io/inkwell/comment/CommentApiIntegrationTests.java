package io.inkwell.comment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.StatementCounter;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.inkwell.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CommentApiIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	@Autowired
	StatementCounter statements;

	// this class tests the feature, not who may use it (security/ does): as an ADMIN, who
	// may do everything
	@BeforeEach
	void authenticateAsAdmin() {
		this.client = this.client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin()).build();
	}

	@Test
	void createsCommentWith201AndLocationAndItsAuthor() throws SQLException {
		UUID author = user("Ada");
		UUID post = post(author);
		Map<String, Object> body = create(post, author, "First!").expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/api/comments/[0-9a-f-]{36}")
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(body).containsOnlyKeys("id", "postId", "authorId", "content", "createdAt", "updatedAt", "author");
		assertThat(body).containsEntry("postId", post.toString())
			.containsEntry("authorId", author.toString())
			.containsEntry("content", "First!")
			.containsEntry("author", Map.of("id", author.toString(), "name", "Ada"));
		UUID id = UUID.fromString((String) body.get("id"));
		assertThat(id.version()).isEqualTo(7);
		assertThat(Sql.string("SELECT content FROM comments WHERE id = ? AND deleted_at IS NULL", id))
			.isEqualTo("First!");
		assertThat(Sql.string("SELECT post_id::text FROM comments WHERE id = ?", id)).isEqualTo(post.toString());
	}

	@Test
	void unknownOrSoftDeletedPostIs404AndWritesNothing() throws SQLException {
		UUID author = user("Writer");
		String content = "orphan " + UUID.randomUUID();
		expectProblem(create(UUID.randomUUID(), author, content), 404, "not-found");
		UUID deletedPost = post(author);
		Sql.execute("UPDATE posts SET deleted_at = now() WHERE id = ?", deletedPost);
		expectProblem(create(deletedPost, author, content), 404, "not-found");
		assertThat(Sql.string("SELECT count(*) FROM comments WHERE content = ?", content)).isEqualTo("0");
	}

	@Test
	void unknownOrSoftDeletedAuthorIs422NamingAuthorIdAndWritesNothing() throws SQLException {
		UUID post = post(user("Owner"));
		String content = "ghost " + UUID.randomUUID();
		expectProblem(create(post, UUID.randomUUID(), content), 422, "unknown-reference").jsonPath("$.errors[0].field")
			.isEqualTo("authorId");
		UUID deleted = user("Deleted");
		Sql.execute("UPDATE users SET deleted_at = now() WHERE id = ?", deleted);
		expectProblem(create(post, deleted, content), 422, "unknown-reference").jsonPath("$.errors[0].field")
			.isEqualTo("authorId");
		assertThat(Sql.string("SELECT count(*) FROM comments WHERE post_id = ?", post)).isEqualTo("0");
	}

	@Test
	void refusesInvalidBodiesWith400AndWritesNothing() throws SQLException {
		UUID author = user("Strict");
		UUID post = post(author);
		expectProblem(create(post, author, "   "), 400, "validation").jsonPath("$.errors[0].field")
			.isEqualTo("content");
		expectProblem(create(post, author, "x".repeat(10_001)), 400, "validation");
		expectProblem(postJson(post, Map.of("authorId", "not-a-uuid", "content", "x")), 400, "malformed-body");
		expectProblem(this.client.post()
			.uri("/api/posts/not-a-uuid/comments")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("authorId", author.toString(), "content", "x"))
			.exchange(), 400, "invalid-parameter").jsonPath("$.errors[0].field").isEqualTo("postId");
		assertThat(Sql.string("SELECT count(*) FROM comments WHERE post_id = ?", post)).isEqualTo("0");
	}

	@Test
	void listsLiveCommentsOldestFirstPagingThroughEachOnce() {
		UUID author = user("Pager");
		UUID post = post(author);
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			created.add(id(create(post, author, "comment " + i)));
		}
		String deleted = id(create(post, author, "deleted"));
		this.client.delete().uri("/api/comments/{id}", deleted).exchange().expectStatus().isNoContent();
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Map<String, Object> page = list(post, "limit=3" + ((cursor != null) ? "&cursor=" + cursor : ""));
			List<Map<String, Object>> data = data(page);
			assertThat(data).hasSizeLessThanOrEqualTo(3);
			data.forEach((comment) -> seen.add((String) comment.get("id")));
			cursor = (String) page.get("nextCursor");
			pages++;
		}
		while (cursor != null && pages < 100);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyElementsOf(created);
	}

	@Test
	void listsAuthorsAndShowsNoneForSoftDeletedAuthor() throws SQLException {
		UUID kept = user("Kept");
		UUID gone = user("Gone");
		UUID post = post(kept);
		create(post, kept, "by kept").expectStatus().isCreated();
		create(post, gone, "by gone").expectStatus().isCreated();
		Sql.execute("UPDATE users SET deleted_at = now() WHERE id = ?", gone);
		List<Map<String, Object>> data = data(list(post, ""));
		assertThat(data).hasSize(2);
		assertThat(data.get(0)).containsEntry("author", Map.of("id", kept.toString(), "name", "Kept"));
		assertThat(data.get(1)).containsEntry("authorId", gone.toString()).containsEntry("author", null);
	}

	@Test
	void listsAPageInTheSameNumberOfStatementsWhateverItsSize() throws SQLException {
		UUID post = post(user("Host"));
		for (int i = 0; i < 12; i++) {
			// a different author for every comment: an N+1 would show as 12 more
			// statements
			create(post, user("Author " + i), "comment " + i).expectStatus().isCreated();
		}
		this.statements.reset();
		assertThat(data(list(post, "limit=1"))).hasSize(1);
		int forOne = this.statements.count();
		this.statements.reset();
		List<Map<String, Object>> page = data(list(post, "limit=100"));
		int forHundred = this.statements.count();
		assertThat(page).hasSize(12).allSatisfy((comment) -> assertThat(comment.get("author")).isNotNull());
		assertThat(forOne).isEqualTo(3);
		assertThat(forHundred).isEqualTo(forOne);
	}

	@Test
	void capsPageSizeAt100() throws SQLException {
		UUID author = user("Prolific");
		UUID post = post(author);
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement statement = connection.prepareStatement("""
						INSERT INTO comments (id, post_id, author_id, content, created_at)
						SELECT gen_random_uuid(), ?, ?, 'bulk ' || n, now() + n * interval '1 millisecond'
						FROM generate_series(1, 101) AS n
						""")) {
			statement.setObject(1, post);
			statement.setObject(2, author);
			statement.executeUpdate();
		}
		Map<String, Object> page = list(post, "limit=5000");
		assertThat(data(page)).hasSize(100);
		assertThat(data(page).get(0)).containsEntry("content", "bulk 1");
		assertThat(page.get("nextCursor")).isNotNull();
		Map<String, Object> last = list(post, "limit=100&cursor=" + page.get("nextCursor"));
		assertThat(data(last)).extracting((comment) -> comment.get("content")).containsExactly("bulk 101");
		assertThat(last.get("nextCursor")).isNull();
	}

	@Test
	void listOfUnknownOrSoftDeletedPostIs404AndBadParametersAre400() throws SQLException {
		expectProblem(this.client.get().uri("/api/posts/{id}/comments", UUID.randomUUID()).exchange(), 404,
				"not-found");
		UUID author = user("Lister");
		UUID post = post(author);
		create(post, author, "hidden with its post").expectStatus().isCreated();
		Sql.execute("UPDATE posts SET deleted_at = now() WHERE id = ?", post);
		expectProblem(this.client.get().uri("/api/posts/{id}/comments", post).exchange(), 404, "not-found");
		expectProblem(this.client.get().uri("/api/posts/not-a-uuid/comments").exchange(), 400, "invalid-parameter");
		UUID live = post(author);
		expectProblem(this.client.get().uri("/api/posts/{id}/comments?limit=0", live).exchange(), 400,
				"invalid-parameter");
		expectProblem(this.client.get().uri("/api/posts/{id}/comments?cursor=bm90LWEtY3Vyc29y", live).exchange(), 400,
				"invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo("cursor");
	}

	@Test
	void getsCommentById() {
		UUID author = user("Reader");
		UUID post = post(author);
		String id = id(create(post, author, "Read me"));
		this.client.get()
			.uri("/api/comments/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id)
			.jsonPath("$.content")
			.isEqualTo("Read me")
			.jsonPath("$.author.name")
			.isEqualTo("Reader")
			.jsonPath("$.createdAt")
			.value((String value) -> assertThat(value).matches("\\d{4}-\\d{2}-\\d{2}T.*Z"));
		expectProblem(this.client.get().uri("/api/comments/{id}", UUID.randomUUID()).exchange(), 404, "not-found");
		expectProblem(this.client.get().uri("/api/comments/1-1-1-1-1").exchange(), 400, "invalid-parameter");
	}

	@Test
	void updatesContent() throws SQLException {
		UUID author = user("Editor");
		UUID post = post(author);
		String id = id(create(post, author, "Draft"));
		this.client.patch()
			.uri("/api/comments/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("content", "Final"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.content")
			.isEqualTo("Final")
			.jsonPath("$.author.id")
			.isEqualTo(author.toString());
		UUID commentId = UUID.fromString(id);
		assertThat(Sql.string("SELECT content FROM comments WHERE id = ?", commentId)).isEqualTo("Final");
		assertThat(Sql.string("SELECT updated_at > created_at FROM comments WHERE id = ?", commentId)).isEqualTo("t");
	}

	@Test
	void refusedUpdatesChangeNothing() throws SQLException {
		UUID author = user("Careful");
		UUID post = post(author);
		String id = id(create(post, author, "Original"));
		expectProblem(patch(id, Map.of("content", " ")), 400, "validation").jsonPath("$.errors[0].field")
			.isEqualTo("content");
		expectProblem(patch(id, Map.of()), 400, "validation");
		expectProblem(patch(UUID.randomUUID().toString(), Map.of("content", "x")), 404, "not-found");
		assertThat(Sql.string("SELECT content FROM comments WHERE id = ?", UUID.fromString(id))).isEqualTo("Original");
		assertThat(Sql.string("SELECT updated_at = created_at FROM comments WHERE id = ?", UUID.fromString(id)))
			.isEqualTo("t");
	}

	@Test
	void softDeletesCommentAndHidesIt() throws SQLException {
		UUID author = user("Deleter");
		UUID post = post(author);
		String id = id(create(post, author, "Regret"));
		this.client.delete().uri("/api/comments/{id}", id).exchange().expectStatus().isNoContent();
		UUID commentId = UUID.fromString(id);
		assertThat(Sql.string("SELECT deleted_at IS NOT NULL FROM comments WHERE id = ?", commentId)).isEqualTo("t");
		expectProblem(this.client.get().uri("/api/comments/{id}", id).exchange(), 404, "not-found");
		expectProblem(patch(id, Map.of("content", "Undo")), 404, "not-found");
		expectProblem(this.client.delete().uri("/api/comments/{id}", id).exchange(), 404, "not-found");
		assertThat(data(list(post, ""))).isEmpty();
		assertThat(Sql.string("SELECT content FROM comments WHERE id = ?", commentId)).isEqualTo("Regret");
	}

	@Test
	void commentsOfSoftDeletedPostAreHiddenAndUnchangeable() throws SQLException {
		UUID author = user("Stranded");
		UUID post = post(author);
		String id = id(create(post, author, "Stays"));
		Sql.execute("UPDATE posts SET deleted_at = now() WHERE id = ?", post);
		expectProblem(this.client.get().uri("/api/comments/{id}", id).exchange(), 404, "not-found");
		expectProblem(patch(id, Map.of("content", "Changed")), 404, "not-found");
		expectProblem(this.client.delete().uri("/api/comments/{id}", id).exchange(), 404, "not-found");
		UUID commentId = UUID.fromString(id);
		assertThat(Sql.string("SELECT content FROM comments WHERE id = ?", commentId)).isEqualTo("Stays");
		assertThat(Sql.string("SELECT deleted_at IS NULL FROM comments WHERE id = ?", commentId)).isEqualTo("t");
	}

	private WebTestClient.ResponseSpec create(UUID post, UUID author, String content) {
		return postJson(post, Map.of("authorId", author.toString(), "content", content));
	}

	private WebTestClient.ResponseSpec postJson(UUID post, Object body) {
		return this.client.post()
			.uri("/api/posts/{postId}/comments", post)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec patch(String id, Object body) {
		return this.client.patch()
			.uri("/api/comments/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private Map<String, Object> list(UUID post, String query) {
		return this.client.get()
			.uri("/api/posts/" + post + "/comments?" + query)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private static String id(WebTestClient.ResponseSpec created) {
		return (String) created.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody()
			.get("id");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> data(Map<String, Object> page) {
		return (List<Map<String, Object>>) page.get("data");
	}

	// application-made UUIDv7 ids, like every real row: other tests page users and posts
	// in id order
	private static UUID user(String name) {
		UUID id = Ids.next();
		Sql.execute("INSERT INTO users (id, email, name) VALUES (?, ?, ?)", id, "commenter-" + id + "@test.example",
				name);
		return id;
	}

	private static UUID post(UUID author) {
		UUID id = Ids.next();
		Sql.execute("INSERT INTO posts (id, author_id, title) VALUES (?, ?, 'Commented')", id, author);
		return id;
	}

}
