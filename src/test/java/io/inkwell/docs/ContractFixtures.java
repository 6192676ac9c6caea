package io.inkwell.docs;

import java.sql.SQLException;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.security.Role;
import io.inkwell.support.Sql;
import io.inkwell.support.Tokens;

/**
 * Rows the contract requests need, written through JDBC with fresh ids and unique names
 * (the database is shared by every test class of the JVM and never truncated).
 */
final class ContractFixtures {

	private ContractFixtures() {
	}

	private static UUID caller;

	/**
	 * The USER of {@link ContractCase.Caller#USER} cases: one live user, made on first
	 * use.
	 */
	static synchronized UUID caller() {
		if (caller == null) {
			caller = Tokens.createUser(Role.USER, "contract-caller");
		}
		return caller;
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	static String email() {
		return unique("contract") + "@test.example";
	}

	/** A UUID no row has. */
	static UUID absent() {
		return Ids.next();
	}

	static UUID user() throws SQLException {
		return userWithCredits(0);
	}

	static UUID userWithCredits(long credits) throws SQLException {
		UUID id = Ids.next();
		Sql.execute("INSERT INTO users (id, email, name, credits) VALUES (?, ?, ?, ?)", id, email(), "Contract " + id,
				credits);
		return id;
	}

	static UUID userWithProfile() throws SQLException {
		UUID id = user();
		Sql.execute("INSERT INTO profiles (id, user_id, bio) VALUES (?, ?, ?)", Ids.next(), id, "a bio");
		return id;
	}

	static UUID softDeletedUser() throws SQLException {
		UUID id = user();
		Sql.execute("UPDATE users SET deleted_at = now() WHERE id = ?", id);
		return id;
	}

	static String emailOf(UUID user) throws SQLException {
		return Sql.string("SELECT email FROM users WHERE id = ?", user);
	}

	static UUID category() throws SQLException {
		return category(unique("category"));
	}

	static UUID category(String name) throws SQLException {
		UUID id = Ids.next();
		Sql.execute("INSERT INTO categories (id, name) VALUES (?, ?)", id, name);
		return id;
	}

	/** A live post of a new author. */
	static UUID post(String status) throws SQLException {
		return post(user(), status);
	}

	static UUID post(UUID author, String status) throws SQLException {
		UUID id = Ids.next();
		Sql.execute("""
				INSERT INTO posts (id, author_id, title, body, status, published_at)
				VALUES (?, ?, ?, ?, CAST(? AS post_status), CASE WHEN ? = 'PUBLISHED' THEN now() END)
				""", id, author, "Contract post " + id, "A body about contracts", status, status);
		return id;
	}

	static UUID softDeletedPost() throws SQLException {
		UUID id = post("DRAFT");
		Sql.execute("UPDATE posts SET deleted_at = now() WHERE id = ?", id);
		return id;
	}

	static void link(UUID post, UUID category) throws SQLException {
		Sql.execute("INSERT INTO post_categories (post_id, category_id) VALUES (?, ?)", post, category);
	}

	static UUID comment(UUID post, UUID author) throws SQLException {
		UUID id = Ids.next();
		Sql.execute("INSERT INTO comments (id, post_id, author_id, content) VALUES (?, ?, ?, ?)", id, post, author,
				"A comment");
		return id;
	}

	/**
	 * A ledger row between two users (balances are not touched: only the row is read
	 * back).
	 */
	static UUID transfer(UUID from, UUID to) {
		UUID id = Ids.next();
		Sql.execute("INSERT INTO transfers (id, from_user_id, to_user_id, amount) VALUES (?, ?, ?, 1)", id, from, to);
		return id;
	}

}
