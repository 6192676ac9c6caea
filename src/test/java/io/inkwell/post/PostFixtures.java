package io.inkwell.post;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.support.Sql;
import io.inkwell.support.TestDatabase;

/**
 * JDBC fixtures and read-backs for the post tests. Every row carries fresh ids and unique
 * names, because the database is shared by all test classes of the JVM and never
 * truncated.
 */
final class PostFixtures {

	private PostFixtures() {
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	/** A live user without a profile row. */
	static UUID user() throws SQLException {
		UUID id = Ids.next();
		Sql.execute("INSERT INTO users (id, email, name) VALUES (?, ?, ?)", id, unique("author") + "@test.example",
				"Author " + id.toString().substring(0, 8));
		return id;
	}

	/** A live user with a profile whose post_count is {@code postCount}. */
	static UUID userWithProfile(int postCount) throws SQLException {
		UUID id = user();
		Sql.execute("INSERT INTO profiles (id, user_id, post_count) VALUES (?, ?, ?)", Ids.next(), id, postCount);
		return id;
	}

	static void softDeleteUser(UUID id) throws SQLException {
		Sql.execute("UPDATE users SET deleted_at = now() WHERE id = ?", id);
	}

	static UUID category(String name) throws SQLException {
		UUID id = Ids.next();
		Sql.execute("INSERT INTO categories (id, name) VALUES (?, ?)", id, name);
		return id;
	}

	/**
	 * A post written directly, with the timestamps a test needs (the counter is left
	 * alone).
	 */
	static UUID post(UUID authorId, String title, String body, String status, Instant publishedAt, Instant createdAt)
			throws SQLException {
		UUID id = Ids.next();
		Sql.execute("""
				INSERT INTO posts (id, author_id, title, body, status, published_at, created_at, updated_at)
				VALUES (?, ?, ?, ?, CAST(? AS post_status), ?, ?, ?)
				""", id, authorId, title, body, status, (publishedAt != null) ? Timestamp.from(publishedAt) : null,
				Timestamp.from(createdAt), Timestamp.from(createdAt));
		return id;
	}

	/**
	 * {@code count} posts of one author in one batch, {@code createdAt} one second apart
	 * going back from {@code newest} (so the first id returned is the newest).
	 */
	static List<UUID> posts(UUID authorId, int count, String status, Instant newest) throws SQLException {
		List<UUID> ids = new ArrayList<>();
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement statement = connection.prepareStatement("""
						INSERT INTO posts (id, author_id, title, body, status, published_at, created_at, updated_at)
						VALUES (?, ?, ?, ?, CAST(? AS post_status), ?, ?, ?)
						""")) {
			for (int i = 0; i < count; i++) {
				UUID id = Ids.next();
				Timestamp created = Timestamp.from(newest.minusSeconds(i));
				statement.setObject(1, id);
				statement.setObject(2, authorId);
				statement.setString(3, "Batch post " + i);
				statement.setString(4, "body " + i);
				statement.setString(5, status);
				statement.setTimestamp(6, status.equals("DRAFT") ? null : created);
				statement.setTimestamp(7, created);
				statement.setTimestamp(8, created);
				statement.addBatch();
				ids.add(id);
			}
			statement.executeBatch();
		}
		return ids;
	}

	static void link(UUID postId, UUID categoryId) throws SQLException {
		Sql.execute("INSERT INTO post_categories (post_id, category_id) VALUES (?, ?)", postId, categoryId);
	}

	static void comment(UUID postId, UUID authorId, boolean deleted) throws SQLException {
		Sql.execute("INSERT INTO comments (id, post_id, author_id, content, deleted_at) VALUES (?, ?, ?, ?, "
				+ (deleted ? "now()" : "NULL") + ")", Ids.next(), postId, authorId, "a comment");
	}

	/** The author's profiles.post_count, or null when the user has no profile row. */
	static Integer postCount(UUID userId) throws SQLException {
		String value = Sql.string("SELECT post_count FROM profiles WHERE user_id = ?", userId);
		return (value != null) ? Integer.valueOf(value) : null;
	}

	/** A snapshot of a post row to compare before and after a rejected request. */
	static String row(UUID postId) throws SQLException {
		return Sql.string("""
				SELECT concat_ws('|', title, body, status, published_at, updated_at, deleted_at)
				FROM posts WHERE id = ?
				""", postId);
	}

	static List<String> categoryIdsOf(UUID postId) throws SQLException {
		return Sql.strings("SELECT category_id::text FROM post_categories WHERE post_id = ? ORDER BY category_id",
				postId);
	}

}
