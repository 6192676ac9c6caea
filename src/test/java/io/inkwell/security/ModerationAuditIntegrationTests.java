package io.inkwell.security;

import java.util.Map;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.inkwell.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A post a MODERATOR or ADMIN archived or deleted is brought back only by a MODERATOR or
 * ADMIN, not by its author; moderators export only what they may read one by one; role
 * changes, soft deletes, restores and ADMIN transfers leave an audit entry naming the
 * actor.
 */
@IntegrationTest
class ModerationAuditIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	private final UUID moderator = Tokens.createUser(Role.MODERATOR, "moderator");

	private final UUID admin = Tokens.createUser(Role.ADMIN, "admin");

	@Test
	void theAuthorCannotRepublishAPostAModeratorArchived() {
		UUID author = Tokens.createUser(Role.USER, "author");
		UUID post = post(author, "PUBLISHED");
		String authorToken = this.tokens.user(author);
		call(HttpMethod.PATCH, "/api/posts/" + post, moderatorToken(), Map.of("status", "ARCHIVED")).expectStatus()
			.isOk();
		assertThat(Sql.string("SELECT moderated_by::text FROM posts WHERE id = ?", post))
			.isEqualTo(this.moderator.toString());
		expectProblem(call(HttpMethod.PATCH, "/api/posts/" + post, authorToken, Map.of("status", "PUBLISHED")), 403,
				"forbidden");
		expectProblem(call(HttpMethod.PATCH, "/api/posts/" + post, authorToken, Map.of("status", "DRAFT")), 403,
				"forbidden");
		expectProblem(call(HttpMethod.POST, "/api/posts/" + post + "/publish", authorToken, null), 403, "forbidden");
		assertThat(Sql.string("SELECT status::text FROM posts WHERE id = ?", post)).isEqualTo("ARCHIVED");
		// the author may still edit it in the archive
		call(HttpMethod.PATCH, "/api/posts/" + post, authorToken, Map.of("title", "Edited")).expectStatus().isOk();
		// an ADMIN republishes it; then it is the author's again
		call(HttpMethod.POST, "/api/posts/" + post + "/publish", adminToken(), null).expectStatus().isOk();
		call(HttpMethod.PATCH, "/api/posts/" + post, authorToken, Map.of("status", "ARCHIVED")).expectStatus().isOk();
		call(HttpMethod.PATCH, "/api/posts/" + post, authorToken, Map.of("status", "PUBLISHED")).expectStatus().isOk();
	}

	@Test
	void theAuthorCannotRestoreAPostAnAdminDeleted() {
		UUID author = Tokens.createUser(Role.USER, "author");
		UUID post = post(author, "PUBLISHED");
		String authorToken = this.tokens.user(author);
		call(HttpMethod.DELETE, "/api/posts/" + post, adminToken(), null).expectStatus().isNoContent();
		expectProblem(call(HttpMethod.POST, "/api/posts/" + post + "/restore", authorToken, null), 403, "forbidden");
		assertThat(Sql.string("SELECT deleted_at IS NOT NULL FROM posts WHERE id = ?", post)).isEqualTo("t");
		call(HttpMethod.POST, "/api/posts/" + post + "/restore", adminToken(), null).expectStatus().isOk();
		// a post its author deleted, the author restores
		call(HttpMethod.DELETE, "/api/posts/" + post, authorToken, null).expectStatus().isNoContent();
		call(HttpMethod.POST, "/api/posts/" + post + "/restore", authorToken, null).expectStatus().isOk();
	}

	@Test
	void aModeratorExportsNoDraftsOfOthers() {
		UUID author = Tokens.createUser(Role.USER, "author");
		UUID draft = post(author, "DRAFT");
		UUID archived = post(author, "ARCHIVED");
		expectProblem(call(HttpMethod.GET, "/api/posts/export?status=DRAFT&authorId=" + author, moderatorToken(), null),
				403, "forbidden");
		String all = call(HttpMethod.GET, "/api/posts/export?authorId=" + author, moderatorToken(), null).expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(all).contains(archived.toString()).doesNotContain(draft.toString());
		String asAdmin = call(HttpMethod.GET, "/api/posts/export?authorId=" + author, adminToken(), null).expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(asAdmin).contains(archived.toString(), draft.toString());
	}

	@Test
	void auditsRoleChangesSoftDeletesRestoresAndAdminTransfersWithTheActor() {
		UUID user = Tokens.createUser(Role.USER, "audited");
		call(HttpMethod.PATCH, "/api/users/" + user, adminToken(), Map.of("role", "MODERATOR")).expectStatus().isOk();
		call(HttpMethod.DELETE, "/api/users/" + user, adminToken(), null).expectStatus().isNoContent();
		call(HttpMethod.POST, "/api/users/" + user + "/restore", adminToken(), null).expectStatus().isOk();
		for (String action : new String[] { "user.role-change", "user.soft-delete", "user.restore" }) {
			assertThat(Sql.count("SELECT count(*) FROM audit_log WHERE actor_id = ? AND action = ? AND target_id = ?",
					this.admin, action, user))
				.as(action)
				.isEqualTo(1);
		}
		// a user deleting their own account is the actor of the entry
		UUID self = Tokens.createUser(Role.USER, "self");
		call(HttpMethod.DELETE, "/api/users/" + self, this.tokens.user(self), null).expectStatus().isNoContent();
		assertThat(Sql.count("SELECT count(*) FROM audit_log WHERE actor_id = ? AND action = 'user.soft-delete'"
				+ " AND target_id = ?", self, self))
			.isEqualTo(1);
		// an ADMIN moving another user's credits
		UUID from = Tokens.createUser(Role.USER, "payer");
		UUID to = Tokens.createUser(Role.USER, "payee");
		Sql.execute("UPDATE users SET credits = 5 WHERE id = ?", from);
		String transfer = call(HttpMethod.POST, "/api/transfers", adminToken(),
				Map.of("fromUserId", from, "toUserId", to, "amount", 2))
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
		assertThat(Sql.count("SELECT count(*) FROM audit_log WHERE actor_id = ? AND action = 'transfer.by-admin'"
				+ " AND target_id = CAST(? AS uuid)", this.admin, transfer))
			.isEqualTo(1);
		// the sender's own transfer is not an ADMIN action
		call(HttpMethod.POST, "/api/transfers", this.tokens.user(from),
				Map.of("fromUserId", from, "toUserId", to, "amount", 1))
			.expectStatus()
			.isCreated();
		assertThat(Sql.count("SELECT count(*) FROM audit_log WHERE actor_id = ?", from)).isZero();
	}

	private String moderatorToken() {
		return this.tokens.bearer(this.moderator, Role.MODERATOR);
	}

	private String adminToken() {
		return this.tokens.bearer(this.admin, Role.ADMIN);
	}

	private static UUID post(UUID author, String status) {
		UUID id = Ids.next();
		Sql.execute(
				"INSERT INTO posts (id, author_id, title, status, published_at) VALUES (?, ?, 'Moderated',"
						+ " CAST(? AS post_status), CASE WHEN ? <> 'DRAFT' THEN now() END)",
				id, author, status, status);
		return id;
	}

	private WebTestClient.ResponseSpec call(HttpMethod method, String uri, String token, Object body) {
		WebTestClient.RequestBodySpec request = this.client.method(method)
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, token);
		return (body != null) ? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
				: request.exchange();
	}

}
