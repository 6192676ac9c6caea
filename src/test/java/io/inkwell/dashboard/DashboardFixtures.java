package io.inkwell.dashboard;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.support.Sql;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** JDBC fixtures and read-backs of the dashboard's tests, on the shared test database. */
final class DashboardFixtures {

	private DashboardFixtures() {
	}

	static String unique(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	static void execute(String... statements) {
		for (String sql : statements) {
			Sql.execute(sql);
		}
	}

	/** Inserts a user directly; returns its id. */
	static UUID insertUser(String email, String role, String passwordHash, boolean deleted) throws SQLException {
		UUID id = Ids.next();
		Sql.execute(
				"INSERT INTO users (id, email, name, role, password_hash, deleted_at) VALUES (?, ?, ?, CAST(? AS user_role), ?, "
						+ (deleted ? "now()" : "NULL") + ")",
				id, email, "Dashboard test", role, passwordHash);
		return id;
	}

	/** An ADMIN with a known password, for logging in through the page. */
	static UUID insertAdmin(String email, String password) throws SQLException {
		return insertUser(email, "ADMIN", new BCryptPasswordEncoder().encode(password), false);
	}

	/**
	 * Whether the server preloads pg_stat_statements, which decides what the slow-query
	 * card can show.
	 */
	static boolean serverPreloadsPgStatStatements() throws SQLException {
		return String.valueOf(Sql.string("SELECT current_setting('shared_preload_libraries')"))
			.contains("pg_stat_statements");
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Map<String, Object> body, String key) {
		return (List<Map<String, Object>>) body.get(key);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Map<String, Object> body, String key) {
		return (Map<String, Object>) body.get(key);
	}

}
