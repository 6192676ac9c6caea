package io.inkwell.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.support.TestDatabase;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** JDBC fixtures and read-backs of the dashboard's tests, on the shared test database. */
final class DashboardFixtures {

	private DashboardFixtures() {
	}

	static String unique(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	static void execute(String... statements) throws SQLException {
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	static String queryString(String sql, Object... parameters) throws SQLException {
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

	/** Inserts a user directly; returns its id. */
	static UUID insertUser(String email, String role, String passwordHash, boolean deleted) throws SQLException {
		UUID id = Ids.next();
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO users (id, email, name, role, password_hash, deleted_at) VALUES (?, ?, ?, CAST(? AS user_role), ?, "
								+ (deleted ? "now()" : "NULL") + ")")) {
			insert.setObject(1, id);
			insert.setString(2, email);
			insert.setString(3, "Dashboard test");
			insert.setString(4, role);
			insert.setString(5, passwordHash);
			insert.executeUpdate();
		}
		return id;
	}

	/** An ADMIN with a known password, for logging in through the page. */
	static UUID insertAdmin(String email, String password) throws SQLException {
		return insertUser(email, "ADMIN", new BCryptPasswordEncoder().encode(password), false);
	}

	/** Whether the server preloads pg_stat_statements, which decides what the slow-query card can show. */
	static boolean serverPreloadsPgStatStatements() throws SQLException {
		return String.valueOf(queryString("SELECT current_setting('shared_preload_libraries')"))
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
