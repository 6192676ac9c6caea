package io.inkwell.security;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.StatementCounter;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the authorisation matrix cannot show with status codes alone: which rows a list
 * returns to whom, and that a refused write changes nothing.
 */
@IntegrationTest
class OwnershipApiIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	@Autowired
	StatementCounter statements;

	@Test
	void listsDraftsOnlyToTheirAuthorAndAdmins() throws SQLException {
		UUID author = Tokens.createUser(Role.USER, "drafts");
		UUID other = Tokens.createUser(Role.USER, "drafts-other");
		UUID published = post(author, "PUBLISHED");
		UUID draft = post(author, "DRAFT");
		UUID archived = post(author, "ARCHIVED");
		UUID othersDraft = post(other, "DRAFT");
		String mine = "/api/posts?authorId=" + author + "&limit=100";
		String theirs = "/api/posts?authorId=" + other + "&limit=100";
		assertThat(ids(mine, null)).containsExactlyInAnyOrder(published, archived);
		assertThat(ids(mine, this.tokens.user(other))).containsExactlyInAnyOrder(published, archived);
		assertThat(ids(mine, this.tokens.bearer(Tokens.createUser(Role.MODERATOR, "moderator"), Role.MODERATOR)))
			.containsExactlyInAnyOrder(published, archived);
		assertThat(ids(mine, this.tokens.user(author))).containsExactlyInAnyOrder(published, draft, archived);
		assertThat(ids(mine, this.tokens.admin())).containsExactlyInAnyOrder(published, draft, archived);
		assertThat(ids(theirs, this.tokens.user(author))).isEmpty();
		assertThat(ids(theirs, this.tokens.user(other))).containsExactly(othersDraft);
		// asking for drafts by name does not get around it
		assertThat(ids(mine + "&status=DRAFT", null)).isEmpty();
		assertThat(ids(mine + "&status=DRAFT", this.tokens.user(other))).isEmpty();
		assertThat(ids(mine + "&status=DRAFT", this.tokens.user(author))).containsExactly(draft);
	}

	@Test
	void countsOnlyVisiblePostsInOffsetPaging() throws SQLException {
		UUID author = Tokens.createUser(Role.USER, "offset");
		post(author, "PUBLISHED");
		post(author, "DRAFT");
		String path = "/api/posts?authorId=" + author + "&page=1&size=10";
		get(path, null).expectBody()
			.jsonPath("$.page.totalElements")
			.isEqualTo(1)
			.jsonPath("$.data.length()")
			.isEqualTo(1);
		get(path, this.tokens.user(author)).expectBody().jsonPath("$.page.totalElements").isEqualTo(2);
	}

	@Test
	void servesTheBenchmarkListToAnonymousCallersInOneStatementWithoutADraftFilter() {
		this.statements.reset();
		get("/api/posts?status=PUBLISHED&limit=20&include=author", null).expectStatus().isOk();
		assertThat(this.statements.statements()).hasSize(1)
			.allSatisfy((sql) -> assertThat(sql).doesNotContain("DRAFT").doesNotContain("draftsOf"));
	}

	@Test
	void refusesAPostInAnotherUsersNameAndWritesNothing() throws SQLException {
		UUID author = Tokens.createUser(Role.USER, "victim");
		UUID caller = Tokens.createUser(Role.USER, "impostor");
		send("POST", "/api/posts", this.tokens.user(caller), Map.of("authorId", author, "title", "Not mine"))
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:forbidden");
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE author_id = ?", author)).isZero();
	}

	@Test
	void refusesACommentInAnotherUsersNameAndWritesNothing() throws SQLException {
		UUID author = Tokens.createUser(Role.USER, "commenter");
		UUID caller = Tokens.createUser(Role.USER, "ventriloquist");
		UUID post = post(author, "PUBLISHED");
		send("POST", "/api/posts/" + post + "/comments", this.tokens.user(caller),
				Map.of("authorId", author, "content", "Not mine"))
			.expectStatus()
			.isForbidden();
		assertThat(Sql.count("SELECT count(*) FROM comments WHERE post_id = ?", post)).isZero();
	}

	@Test
	void letsAModeratorArchiveButNotEditAPost() throws SQLException {
		UUID author = Tokens.createUser(Role.USER, "archived");
		UUID post = post(author, "PUBLISHED");
		String moderator = this.tokens.bearer(Tokens.createUser(Role.MODERATOR, "mod"), Role.MODERATOR);
		send("PATCH", "/api/posts/" + post, moderator, Map.of("title", "Moderated", "status", "ARCHIVED"))
			.expectStatus()
			.isForbidden();
		assertThat(Sql.string("SELECT title || '/' || status FROM posts WHERE id = ?", post))
			.isEqualTo("Post/PUBLISHED");
		send("PATCH", "/api/posts/" + post, moderator, Map.of("status", "ARCHIVED")).expectStatus().isOk();
		assertThat(Sql.string("SELECT title || '/' || status FROM posts WHERE id = ?", post))
			.isEqualTo("Post/ARCHIVED");
	}

	@Test
	void refusesAUserChangingTheirOwnRoleAndChangesNothing() throws SQLException {
		UUID user = Tokens.createUser(Role.USER, "climber");
		send("PATCH", "/api/users/" + user, this.tokens.user(user), Map.of("name", "Boss", "role", "ADMIN"))
			.expectStatus()
			.isForbidden();
		assertThat(Sql.string("SELECT role::text || '/' || name FROM users WHERE id = ?", user))
			.startsWith("USER/climber");
	}

	@Test
	void hidesTheCommentsOfADraftFromAllButItsAuthorAndAdmins() throws SQLException {
		UUID author = Tokens.createUser(Role.USER, "draft-comments");
		UUID draft = post(author, "DRAFT");
		UUID comment = Ids.next();
		Sql.execute("INSERT INTO comments (id, post_id, author_id, content) VALUES (?, ?, ?, 'Note to self')", comment,
				draft, author);
		get("/api/comments/" + comment, null).expectStatus().isNotFound();
		get("/api/comments/" + comment, this.tokens.user(Tokens.createUser(Role.USER, "stranger"))).expectStatus()
			.isNotFound();
		get("/api/comments/" + comment, this.tokens.user(author)).expectStatus().isOk();
		get("/api/comments/" + comment, this.tokens.admin()).expectStatus().isOk();
		// nobody else can comment on it either, and nothing is written
		UUID stranger = Tokens.createUser(Role.USER, "stranger");
		send("POST", "/api/posts/" + draft + "/comments", this.tokens.user(stranger),
				Map.of("authorId", stranger, "content", "Hi"))
			.expectStatus()
			.isNotFound();
		assertThat(Sql.count("SELECT count(*) FROM comments WHERE post_id = ?", draft)).isEqualTo(1);
	}

	private List<UUID> ids(String path, String token) {
		Map<?, ?> body = get(path, token).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
		List<?> data = (List<?>) body.get("data");
		return data.stream().map((row) -> UUID.fromString((String) ((Map<?, ?>) row).get("id"))).toList();
	}

	private WebTestClient.ResponseSpec get(String path, String token) {
		WebTestClient.RequestHeadersSpec<?> request = this.client.get().uri(path);
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, token);
		}
		return request.exchange();
	}

	private WebTestClient.ResponseSpec send(String method, String path, String token, Map<String, Object> body) {
		return this.client.method(HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private static UUID post(UUID author, String status) throws SQLException {
		UUID id = Ids.next();
		Sql.execute(
				"INSERT INTO posts (id, author_id, title, status, published_at) VALUES (?, ?, 'Post', CAST(? AS post_status),"
						+ " CASE WHEN ? <> 'DRAFT' THEN now() END)",
				id, author, status, status);
		return id;
	}

}
