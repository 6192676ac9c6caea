package io.inkwell.post;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.migrate.Migrator;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code q} filter, as the list sends it, is served by the trigram indexes
 * (posts_title_trgm_idx, posts_body_trgm_idx): on a migrated database of its own with
 * 20,000 analysed posts, the plan is a bitmap scan of both, not a scan of the table.
 */
class PostSearchIndexIntegrationTests {

	DatabaseUrl database;

	@BeforeEach
	void migratedDatabaseWithManyPosts() throws SQLException {
		this.database = TestDatabase.get().createDatabase("trgm");
		new Migrator(this.database.jdbcUrl(), this.database.jdbcProperties(), Duration.ofMinutes(1)).update();
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO users (id, email, name) VALUES (gen_random_uuid(), 'a@test.example', 'A')");
			statement.execute("""
					INSERT INTO posts (id, author_id, title, body, status, published_at)
					SELECT gen_random_uuid(), (SELECT id FROM users), 'Post ' || g || ' on ' || md5(g::text),
					       repeat(md5((g * 7)::text) || ' ', 20), 'PUBLISHED'::post_status, now()
					FROM generate_series(1, 20000) AS g
					""");
			statement.execute("ANALYZE posts");
		}
	}

	@AfterEach
	void drop() {
		TestDatabase.get().dropDatabase(this.database);
	}

	@Test
	void servesTheSubstringFilterFromTheTrigramIndexes() throws SQLException {
		String pattern = "'" + PostRepository.likePattern("streams").replace("'", "''") + "'";
		String sql = "EXPLAIN SELECT p.id FROM posts p WHERE p.deleted_at IS NULL"
				+ PostRepository.FILTER_TEXT.replace(":pattern", pattern);
		StringBuilder plan = new StringBuilder();
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				plan.append(rows.getString(1)).append('\n');
			}
		}
		assertThat(plan.toString()).contains("Bitmap Index Scan on posts_title_trgm_idx")
			.contains("Bitmap Index Scan on posts_body_trgm_idx")
			.doesNotContain("Seq Scan");
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.database.jdbcUrl(), this.database.jdbcProperties());
	}

}
