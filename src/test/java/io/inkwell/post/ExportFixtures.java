package io.inkwell.post;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.inkwell.db.Ids;
import io.inkwell.support.TestDatabase;

/** Authors and posts for export tests, written and removed straight through JDBC. */
final class ExportFixtures {

	private ExportFixtures() {
	}

	static UUID author() throws SQLException {
		UUID id = Ids.next();
		execute("INSERT INTO users (id, email, name) VALUES (?, ?, 'Exporter')", id, "export-" + id + "@test.example");
		return id;
	}

	static UUID post(UUID author, String title, String status, Instant publishedAt, boolean deleted)
			throws SQLException {
		UUID id = Ids.next();
		execute("""
				INSERT INTO posts (id, author_id, title, status, published_at, deleted_at)
				VALUES (?, ?, ?, CAST(? AS post_status), ?, CASE WHEN ? THEN now() END)
				""", id, author, title, status, (publishedAt != null) ? Timestamp.from(publishedAt) : null, deleted);
		return id;
	}

	/**
	 * {@code count} ARCHIVED posts of {@code author} in one statement, created in the
	 * year 2000: out of the way of other tests' lists (newest first, published only)
	 * while they exist.
	 */
	static void bulkPosts(UUID author, int count) throws SQLException {
		// ids in insertion order: a random 8-digit prefix, then the row number
		String prefix = String.format("%08x", ThreadLocalRandom.current().nextInt() & 0x7fffffff);
		execute("""
				INSERT INTO posts (id, author_id, title, status, created_at, updated_at)
				SELECT CAST(? || lpad(to_hex(g), 24, '0') AS uuid), ?, 'bulk export post ' || g, 'ARCHIVED',
				       TIMESTAMPTZ '2000-01-01 00:00:00+00' + g * interval '1 second',
				       TIMESTAMPTZ '2000-01-01 00:00:00+00' + g * interval '1 second'
				FROM generate_series(1, ?) AS g
				""", prefix, author, count);
	}

	/** Removes the author and all their posts. */
	static void deleteAuthor(UUID author) throws SQLException {
		execute("DELETE FROM posts WHERE author_id = ?", author);
		execute("DELETE FROM users WHERE id = ?", author);
	}

	static long queryLong(String sql, Object... parameters) throws SQLException {
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			bind(statement, parameters);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	static void execute(String sql, Object... parameters) throws SQLException {
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			bind(statement, parameters);
			statement.executeUpdate();
		}
	}

	private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
		for (int i = 0; i < parameters.length; i++) {
			statement.setObject(i + 1, parameters[i]);
		}
	}

}
