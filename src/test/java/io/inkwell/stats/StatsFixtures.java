package io.inkwell.stats;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.support.Sql;

/** Authors and posts written straight through JDBC, and their removal. */
final class StatsFixtures {

	private StatsFixtures() {
	}

	static UUID author(String name) throws SQLException {
		UUID id = Ids.next();
		Sql.execute("INSERT INTO users (id, email, name) VALUES (?, ?, ?)", id, "stats-" + id + "@test.example", name);
		return id;
	}

	static void post(UUID author, String status, Instant publishedAt, boolean deleted) throws SQLException {
		Sql.execute("""
				INSERT INTO posts (id, author_id, title, status, published_at, deleted_at)
				VALUES (?, ?, 'stats post', CAST(? AS post_status), ?, CASE WHEN ? THEN now() END)
				""", Ids.next(), author, status, (publishedAt != null) ? Timestamp.from(publishedAt) : null, deleted);
	}

	/**
	 * {@code count} live PUBLISHED posts of {@code author}, published a minute apart from
	 * {@code from}.
	 */
	static void publishedPosts(UUID author, int count, Instant from) throws SQLException {
		Sql.execute("""
				INSERT INTO posts (id, author_id, title, status, published_at)
				SELECT gen_random_uuid(), ?, 'ranked post ' || g, 'PUBLISHED',
				       CAST(? AS timestamptz) + g * interval '1 minute'
				FROM generate_series(1, ?) AS g
				""", author, Timestamp.from(from), count);
	}

	static void softDeleteUser(UUID user) throws SQLException {
		Sql.execute("UPDATE users SET deleted_at = now() WHERE id = ?", user);
	}

	/** Removes the authors' posts, so that other tests never see them. */
	static void deletePostsOf(UUID... authors) throws SQLException {
		for (UUID author : authors) {
			Sql.execute("DELETE FROM posts WHERE author_id = ?", author);
		}
	}

}
