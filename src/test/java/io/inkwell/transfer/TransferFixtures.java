package io.inkwell.transfer;

import java.sql.SQLException;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.support.Sql;

/** Users with credits and ledger read-backs, straight through JDBC. */
final class TransferFixtures {

	private TransferFixtures() {
	}

	static UUID user(long credits) throws SQLException {
		UUID id = Ids.next();
		Sql.execute("INSERT INTO users (id, email, name, credits) VALUES (?, ?, ?, ?)", id,
				"transfer-" + id + "@test.example", "Transfer " + id.toString().substring(24), credits);
		return id;
	}

	static void softDelete(UUID user) throws SQLException {
		Sql.execute("UPDATE users SET deleted_at = now() WHERE id = ?", user);
	}

	static long credits(UUID user) throws SQLException {
		return Sql.count("SELECT credits FROM users WHERE id = ?", user);
	}

	/** Ledger rows touching {@code user}, in either direction. */
	static long ledgerRows(UUID user) throws SQLException {
		return Sql.count("SELECT count(*) FROM transfers WHERE from_user_id = ? OR to_user_id = ?", user, user);
	}

	/** Incoming minus outgoing credits of {@code user} according to the ledger. */
	static long ledgerNet(UUID user) throws SQLException {
		return Sql.count("""
				SELECT COALESCE(sum(CASE WHEN to_user_id = ? THEN amount ELSE -amount END), 0)
				FROM transfers WHERE from_user_id = ? OR to_user_id = ?
				""", user, user, user);
	}

}
