package io.inkwell.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.support.TestDatabase;

/** Users with credits and ledger read-backs, straight through JDBC. */
final class TransferFixtures {

	private TransferFixtures() {
	}

	static UUID user(long credits) throws SQLException {
		UUID id = Ids.next();
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement insert = connection
					.prepareStatement("INSERT INTO users (id, email, name, credits) VALUES (?, ?, ?, ?)")) {
			insert.setObject(1, id);
			insert.setString(2, "transfer-" + id + "@test.example");
			insert.setString(3, "Transfer " + id.toString().substring(24));
			insert.setLong(4, credits);
			insert.executeUpdate();
		}
		return id;
	}

	static void softDelete(UUID user) throws SQLException {
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement update = connection
					.prepareStatement("UPDATE users SET deleted_at = now() WHERE id = ?")) {
			update.setObject(1, user);
			update.executeUpdate();
		}
	}

	static long credits(UUID user) throws SQLException {
		return queryLong("SELECT credits FROM users WHERE id = ?", user);
	}

	/** Ledger rows touching {@code user}, in either direction. */
	static long ledgerRows(UUID user) throws SQLException {
		return queryLong("SELECT count(*) FROM transfers WHERE from_user_id = ? OR to_user_id = ?", user, user);
	}

	/** Incoming minus outgoing credits of {@code user} according to the ledger. */
	static long ledgerNet(UUID user) throws SQLException {
		return queryLong("""
				SELECT COALESCE(sum(CASE WHEN to_user_id = ? THEN amount ELSE -amount END), 0)
				FROM transfers WHERE from_user_id = ? OR to_user_id = ?
				""", user, user, user);
	}

	static long queryLong(String sql, Object... parameters) throws SQLException {
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

}
