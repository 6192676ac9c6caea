package io.inkwell.seed;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.migrate.Migrator;
import io.inkwell.support.Sql;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeedCommandTests {

	DatabaseUrl database;

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	@BeforeEach
	void migratedDatabase() {
		this.database = TestDatabase.get().createDatabase("seed");
		new Migrator(this.database.jdbcUrl(), this.database.jdbcProperties(), Duration.ofMinutes(1)).update();
	}

	@AfterEach
	void drop() {
		TestDatabase.get().dropDatabase(this.database);
	}

	@Test
	void loadsDemoDataOnceWithTheDocumentedLogins() throws SQLException {
		// the demo logins are written only when asked for by name (issue #26: a bare
		// `seed` used to write them)
		assertThat(run("--demo")).isZero();
		assertThat(run("--demo")).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("already present");
		assertThat(Sql.on(this.database)
			.count("SELECT count(*) FROM users WHERE email IN ('admin@example.com', 'moderator@example.com', "
					+ "'alice@example.com', 'bob@example.com') AND credits = 1000"))
			.isEqualTo(4);
		assertThat(Sql.on(this.database).count("SELECT count(DISTINCT role) FROM users")).isEqualTo(3);
		assertThat(Sql.on(this.database).count("SELECT count(DISTINCT status) FROM posts")).isEqualTo(3);
		assertThat(Sql.on(this.database).count("SELECT count(*) FROM comments")).isPositive();
		assertThat(Sql.on(this.database).count("SELECT count(*) FROM categories")).isPositive();
		assertThat(Sql.on(this.database).count(UNBALANCED)).as("users whose credits are not their ledger").isZero();
	}

	@Test
	void loadsBulkDataIdempotently() throws SQLException {
		assertThat(run("--users", "30", "--posts-per-user", "4")).isZero();
		assertThat(run("--users", "40", "--posts-per-user", "4")).isZero();
		assertThat(Sql.on(this.database).count("SELECT count(*) FROM users WHERE email LIKE 'seed-user-%'"))
			.isEqualTo(40);
		assertThat(Sql.on(this.database).count("SELECT count(*) FROM posts")).isEqualTo(160);
		assertThat(Sql.on(this.database).count("SELECT count(*) FROM profiles p WHERE post_count = 4")).isEqualTo(40);
		assertThat(Sql.on(this.database)
			.count("SELECT count(*) FROM posts WHERE status = 'PUBLISHED' AND published_at IS NULL")).isZero();
		assertThat(Sql.on(this.database).count("SELECT count(*) FROM transfers WHERE kind = 'OPENING'")).isEqualTo(40);
		assertThat(Sql.on(this.database).count(UNBALANCED)).as("users whose credits are not their ledger").isZero();
	}

	/** Users whose credits differ from the sum of their ledger rows. */
	private static final String UNBALANCED = """
			SELECT count(*) FROM users u WHERE u.credits <> (
			  SELECT COALESCE(sum(CASE WHEN t.to_user_id = u.id THEN t.amount ELSE -t.amount END), 0)
			  FROM transfers t WHERE t.to_user_id = u.id OR t.from_user_id = u.id)
			""";

	@Test
	void writesNoDemoLoginsWithoutBeingAskedByName() throws SQLException {
		assertThat(run()).isEqualTo(2);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEqualTo(SeedCommand.USAGE + "\n");
		assertThat(Sql.on(this.database).count("SELECT count(*) FROM users")).isZero();
	}

	@Test
	void refusesDemoDataInADatabaseWithOtherUsers() throws SQLException {
		Sql.on(this.database)
			.execute(
					"INSERT INTO users (id, email, name, role, credits) VALUES (gen_random_uuid(), ?, 'Real', 'USER', 0)",
					"real@customer.example");
		assertThat(run("--demo")).isEqualTo(2);
		assertThat(this.out.toString(StandardCharsets.UTF_8))
			.isEqualTo("seed: refused: the database holds 1 user(s) that are not demo users; the demo logins"
					+ " (published password) go only into a database of their own\n");
		assertThat(Sql.on(this.database).count("SELECT count(*) FROM users WHERE email = 'admin@example.com'"))
			.isZero();
		assertThat(Sql.on(this.database).count("SELECT count(*) FROM posts")).isZero();
	}

	@Test
	void rejectsMalformedOptions() {
		assertThat(run("--users", "ten", "--posts-per-user", "4")).isEqualTo(2);
		assertThat(run("--users")).isEqualTo(2);
		assertThat(run("--demo", "--users", "3", "--posts-per-user", "1")).isEqualTo(2);
	}

	private int run(String... args) {
		this.out.reset();
		return new SeedCommand(Map.of("DATABASE_URL", this.database.toUrlString()),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.out, true, StandardCharsets.UTF_8))
			.run(List.of(args));
	}

}
