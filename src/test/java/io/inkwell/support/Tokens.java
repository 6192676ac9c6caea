package io.inkwell.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.security.TokenIssuer;
import io.inkwell.security.Role;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Bearer tokens for tests, minted by the application's own {@link TokenIssuer} (so with
 * its key, which differs per application context), and users with known passwords written
 * through JDBC (the shared test database has no demo seed). A bean of every
 * {@link IntegrationTest} context; for a {@link TestApp}, use
 * {@link #of(ApplicationContext)}.
 */
@TestComponent
public class Tokens {

	/** Password of every user made by {@link #createUser(Role, String)}. */
	public static final String PASSWORD = "correct horse battery staple";

	// cost 4: the hash only has to verify, and fixtures are made often
	private static final String PASSWORD_HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

	private final TokenIssuer issuer;

	private String admin;

	public Tokens(TokenIssuer issuer) {
		this.issuer = issuer;
	}

	public static Tokens of(ApplicationContext context) {
		return new Tokens(context.getBean(TokenIssuer.class));
	}

	/**
	 * {@code Authorization} value of an ADMIN that exists in the shared test database.
	 */
	public synchronized String admin() {
		if (this.admin == null) {
			this.admin = bearer(createUser(Role.ADMIN, "admin"), Role.ADMIN);
		}
		return this.admin;
	}

	/**
	 * An ADMIN token naming a user that exists nowhere: refused (401) wherever the
	 * database answers, since every request's account is looked up; while the database is
	 * down, such a request gets the 503 of the lookup.
	 */
	public String adminWithoutAccount() {
		return bearer(Ids.next(), Role.ADMIN);
	}

	/**
	 * The token of a new ADMIN written into the database of the application
	 * {@code context} (through its own {@link DatabaseClient}; call it from a test
	 * thread): for applications on a database of their own.
	 */
	public static String adminIn(ApplicationContext context) {
		UUID id = Ids.next();
		context.getBean(DatabaseClient.class)
			.sql("INSERT INTO users (id, email, name, role) VALUES (:id, :email, 'Admin', 'ADMIN')")
			.bind("id", id)
			.bind("email", emailOf("admin", id))
			.fetch()
			.rowsUpdated()
			.block(Duration.ofSeconds(30));
		return of(context).bearer(id, Role.ADMIN);
	}

	/**
	 * {@code Authorization} value ({@code Bearer …}) for the user {@code id} with
	 * {@code role}.
	 */
	public String bearer(UUID id, Role role) {
		return "Bearer " + this.issuer.issue(id, role).token();
	}

	/**
	 * As {@link #bearer}, at the user's current token version (as a new login would issue
	 * it): valid after earlier revocations of the user's tokens.
	 */
	public String current(UUID id, Role role) {
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement select = connection
					.prepareStatement("SELECT token_version FROM users WHERE id = ?")) {
			select.setObject(1, id);
			try (ResultSet row = select.executeQuery()) {
				int version = row.next() ? row.getInt(1) : 0;
				return "Bearer " + this.issuer.issue(id, role, version).token();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String user(UUID id) {
		return bearer(id, Role.USER);
	}

	/**
	 * A live user in the shared test database with this role, an e-mail
	 * {@code <prefix>-<uuid>@test.example} and the password {@link #PASSWORD}.
	 */
	public static UUID createUser(Role role, String prefix) {
		try (Connection connection = TestDatabase.get().connect()) {
			return createUser(connection, role, prefix);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** As {@link #createUser(Role, String)}, on a connection the caller holds. */
	public static UUID createUser(Connection connection, Role role, String prefix) throws SQLException {
		UUID id = Ids.next();
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO users (id, email, name, role, password_hash) VALUES (?, ?, ?, CAST(? AS user_role), ?)")) {
			insert.setObject(1, id);
			insert.setString(2, emailOf(prefix, id));
			insert.setString(3, prefix + " " + id.toString().substring(0, 8));
			insert.setString(4, role.name());
			insert.setString(5, PASSWORD_HASH);
			insert.executeUpdate();
		}
		return id;
	}

	/** The e-mail {@link #createUser} gives the user {@code id}. */
	public static String emailOf(String prefix, UUID id) {
		return prefix + "-" + id + "@test.example";
	}

}
