package io.inkwell.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin hard deletes remove the rows for good and leave an {@code audit_log} entry (who,
 * what, which row, when) written in the same transaction: no delete without its entry, no
 * entry without its delete.
 */
@IntegrationTest
class AuditIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	private final UUID admin = Tokens.createUser(Role.ADMIN, "auditor");

	@Test
	void hardDeletesAUserWithEverythingTheyWroteAndAuditsIt() throws SQLException {
		UUID user = Tokens.createUser(Role.USER, "erased");
		UUID other = Tokens.createUser(Role.USER, "bystander");
		UUID post = post(user);
		UUID othersPost = post(other);
		Sql.execute("INSERT INTO profiles (id, user_id) VALUES (?, ?)", Ids.next(), user);
		Sql.execute("INSERT INTO comments (id, post_id, author_id, content) VALUES (?, ?, ?, 'on own')", Ids.next(),
				post, user);
		Sql.execute("INSERT INTO comments (id, post_id, author_id, content) VALUES (?, ?, ?, 'by other')", Ids.next(),
				post, other);
		Sql.execute("INSERT INTO comments (id, post_id, author_id, content) VALUES (?, ?, ?, 'elsewhere')", Ids.next(),
				othersPost, user);
		Instant before = now();
		delete("/api/admin/users/" + user).expectStatus().isNoContent();
		assertThat(Sql.count("SELECT count(*) FROM users WHERE id = ?", user)).isZero();
		assertThat(Sql.count("SELECT count(*) FROM profiles WHERE user_id = ?", user)).isZero();
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE author_id = ?", user)).isZero();
		assertThat(Sql.count("SELECT count(*) FROM comments WHERE author_id = ?", user)).isZero();
		assertThat(Sql.count("SELECT count(*) FROM comments WHERE post_id = ?", post)).isZero();
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE id = ?", othersPost)).isEqualTo(1);
		assertAudited("user.hard-delete", user, before);
	}

	@Test
	void hardDeletesAPostAndUncountsItFromItsAuthor() throws SQLException {
		UUID author = Tokens.createUser(Role.USER, "author");
		Sql.execute("INSERT INTO profiles (id, user_id, post_count) VALUES (?, ?, 1)", Ids.next(), author);
		UUID post = post(author);
		Sql.execute("INSERT INTO comments (id, post_id, author_id, content) VALUES (?, ?, ?, 'x')", Ids.next(), post,
				author);
		Instant before = now();
		delete("/api/admin/posts/" + post).expectStatus().isNoContent();
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE id = ?", post)).isZero();
		assertThat(Sql.count("SELECT count(*) FROM comments WHERE post_id = ?", post)).isZero();
		assertThat(Sql.count("SELECT post_count FROM profiles WHERE user_id = ?", author)).isZero();
		assertAudited("post.hard-delete", post, before);
	}

	@Test
	void hardDeletesASoftDeletedPostWithoutUncountingItTwice() throws SQLException {
		UUID author = Tokens.createUser(Role.USER, "author");
		Sql.execute("INSERT INTO profiles (id, user_id, post_count) VALUES (?, ?, 1)", Ids.next(), author);
		post(author);
		UUID deleted = post(author);
		Sql.execute("UPDATE posts SET deleted_at = now() WHERE id = ?", deleted);
		delete("/api/admin/posts/" + deleted).expectStatus().isNoContent();
		assertThat(Sql.count("SELECT post_count FROM profiles WHERE user_id = ?", author)).isEqualTo(1);
		assertThat(Sql.count("SELECT count(*) FROM audit_log WHERE target_id = ?", deleted)).isEqualTo(1);
	}

	@Test
	void auditsACategoryDelete() throws SQLException {
		UUID category = Ids.next();
		Sql.execute("INSERT INTO categories (id, name) VALUES (?, ?)", category, "Audited " + category);
		Instant before = now();
		delete("/api/categories/" + category).expectStatus().isNoContent();
		assertAudited("category.delete", category, before);
	}

	@Test
	void auditsNothingWhenThereIsNothingToDelete() throws SQLException {
		UUID nobody = Ids.next();
		delete("/api/admin/users/" + nobody).expectStatus().isNotFound();
		delete("/api/admin/posts/" + nobody).expectStatus().isNotFound();
		assertThat(Sql.count("SELECT count(*) FROM audit_log WHERE target_id = ?", nobody)).isZero();
	}

	@Test
	void deletesNothingWhenTheAuditEntryCannotBeWritten() throws SQLException {
		UUID user = Tokens.createUser(Role.USER, "kept");
		UUID post = post(user);
		// a trigger that refuses this one entry: the delete before it must be rolled back
		// with it
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			statement.execute("""
					CREATE FUNCTION refuse_audit_%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
					BEGIN
					  IF NEW.target_id IN ('%2$s', '%3$s') THEN
					    RAISE EXCEPTION 'refused' USING ERRCODE = 'check_violation';
					  END IF;
					  RETURN NEW;
					END $$;
					CREATE TRIGGER refuse_audit_%1$s BEFORE INSERT ON audit_log
					  FOR EACH ROW EXECUTE FUNCTION refuse_audit_%1$s();
					""".formatted(suffix(user), user, post));
		}
		try {
			delete("/api/admin/users/" + user).expectStatus().isBadRequest();
			delete("/api/admin/posts/" + post).expectStatus().isBadRequest();
		}
		finally {
			try (Connection connection = TestDatabase.get().connect();
					Statement statement = connection.createStatement()) {
				statement.execute("DROP TRIGGER refuse_audit_%1$s ON audit_log; DROP FUNCTION refuse_audit_%1$s();"
					.formatted(suffix(user)));
			}
		}
		assertThat(Sql.count("SELECT count(*) FROM users WHERE id = ?", user)).isEqualTo(1);
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE id = ?", post)).isEqualTo(1);
	}

	private void assertAudited(String action, UUID target, Instant before) throws SQLException {
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement statement = connection
					.prepareStatement("SELECT actor_id, action, created_at FROM audit_log WHERE target_id = ?")) {
			statement.setObject(1, target);
			try (ResultSet rows = statement.executeQuery()) {
				assertThat(rows.next()).as("an audit entry for " + target).isTrue();
				assertThat(rows.getObject("actor_id")).isEqualTo(this.admin);
				assertThat(rows.getString("action")).isEqualTo(action);
				assertThat(rows.getTimestamp("created_at").toInstant()).isAfterOrEqualTo(before);
				assertThat(rows.next()).as("exactly one entry").isFalse();
			}
		}
	}

	private WebTestClient.ResponseSpec delete(String path) {
		return this.client.delete()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, this.tokens.bearer(this.admin, Role.ADMIN))
			.exchange();
	}

	private static UUID post(UUID author) throws SQLException {
		UUID id = Ids.next();
		Sql.execute(
				"INSERT INTO posts (id, author_id, title, status, published_at) VALUES (?, ?, 'Audited', 'PUBLISHED', now())",
				id, author);
		return id;
	}

	private static String suffix(UUID id) {
		return id.toString().replace("-", "");
	}

	/** The database's clock, which stamps created_at. */
	private static Instant now() throws SQLException {
		try (Connection connection = TestDatabase.get().connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT now()")) {
			rows.next();
			return rows.getTimestamp(1).toInstant();
		}
	}

}
