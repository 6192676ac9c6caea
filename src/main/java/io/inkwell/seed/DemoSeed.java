package io.inkwell.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inkwell.db.Ids;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The small, fixed demo data set: the four demo logins of DESIGN.md (password
 * {@value #DEMO_PASSWORD}, 1000 credits each), categories, posts in every status and
 * comments. Idempotent: when the demo admin exists, nothing is written. JDBC, for the dev
 * start and the {@code seed} command only.
 */
public final class DemoSeed {

	/** Password of every demo login. */
	public static final String DEMO_PASSWORD = "demo-password";

	/** Credits every demo user starts with. */
	public static final long DEMO_CREDITS = 1000;

	/** The demo logins: e-mail, name, role. */
	public static final List<String[]> DEMO_USERS = List.of(new String[] { "admin@example.com", "Ada Admin", "ADMIN" },
			new String[] { "moderator@example.com", "Mo Moderator", "MODERATOR" },
			new String[] { "alice@example.com", "Alice Author", "USER" },
			new String[] { "bob@example.com", "Bob Reader", "USER" });

	private static final List<String> CATEGORIES = List.of("Announcements", "Engineering", "PostgreSQL", "Reactive");

	private DemoSeed() {
	}

	/**
	 * How many users the database holds (soft-deleted ones included) that are not demo
	 * logins: the {@code seed --demo} command writes nowhere that holds real accounts.
	 */
	public static long otherUsers(Connection connection) throws SQLException {
		try (PreparedStatement count = connection
			.prepareStatement("/* DemoSeed.otherUsers */ SELECT count(*) FROM users WHERE NOT (email = ANY (?))")) {
			count.setArray(1, connection.createArrayOf("text",
					DEMO_USERS.stream().map((demo) -> demo[0]).toArray(String[]::new)));
			try (ResultSet rows = count.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	/**
	 * Writes the demo data in one transaction unless it is already there.
	 * @return true when data was written
	 */
	public static boolean apply(Connection connection) throws SQLException {
		try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM users WHERE email = ?")) {
			exists.setString(1, DEMO_USERS.get(0)[0]);
			try (ResultSet rows = exists.executeQuery()) {
				if (rows.next()) {
					return false;
				}
			}
		}
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			write(connection);
			connection.commit();
			return true;
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	private static void write(Connection connection) throws SQLException {
		BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();
		List<UUID> userIds = new ArrayList<>();
		try (PreparedStatement user = connection.prepareStatement(
				"INSERT INTO users (id, email, name, role, password_hash, credits) VALUES (?, ?, ?, CAST(? AS user_role), ?, ?)");
				PreparedStatement profile = connection
					.prepareStatement("INSERT INTO profiles (id, user_id, bio) VALUES (?, ?, ?)");
				// the credits' ledger row: every balance is the sum of its ledger rows
				PreparedStatement opening = connection.prepareStatement(
						"INSERT INTO transfers (id, to_user_id, amount, kind) VALUES (?, ?, ?, 'OPENING')")) {
			for (String[] demo : DEMO_USERS) {
				UUID id = Ids.next();
				userIds.add(id);
				user.setObject(1, id);
				user.setString(2, demo[0]);
				user.setString(3, demo[1]);
				user.setString(4, demo[2]);
				user.setString(5, encoder.encode(DEMO_PASSWORD));
				user.setLong(6, DEMO_CREDITS);
				user.addBatch();
				profile.setObject(1, Ids.next());
				profile.setObject(2, id);
				profile.setString(3, "Demo " + demo[2].toLowerCase() + " account.");
				profile.addBatch();
				opening.setObject(1, Ids.next());
				opening.setObject(2, id);
				opening.setLong(3, DEMO_CREDITS);
				opening.addBatch();
			}
			user.executeBatch();
			profile.executeBatch();
			opening.executeBatch();
		}
		List<UUID> categoryIds = new ArrayList<>();
		try (PreparedStatement category = connection
			.prepareStatement("INSERT INTO categories (id, name) VALUES (?, ?)")) {
			for (String name : CATEGORIES) {
				UUID id = Ids.next();
				categoryIds.add(id);
				category.setObject(1, id);
				category.setString(2, name);
				category.addBatch();
			}
			category.executeBatch();
		}
		writePosts(connection, userIds, categoryIds);
	}

	private static void writePosts(Connection connection, List<UUID> userIds, List<UUID> categoryIds)
			throws SQLException {
		String[] statuses = { "PUBLISHED", "PUBLISHED", "DRAFT", "ARCHIVED" };
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		try (PreparedStatement post = connection.prepareStatement(
				"INSERT INTO posts (id, author_id, title, body, status, published_at) VALUES (?, ?, ?, ?, CAST(? AS post_status), ?)");
				PreparedStatement link = connection
					.prepareStatement("INSERT INTO post_categories (post_id, category_id) VALUES (?, ?)");
				PreparedStatement comment = connection
					.prepareStatement("INSERT INTO comments (id, post_id, author_id, content) VALUES (?, ?, ?, ?)");
				PreparedStatement postCount = connection.prepareStatement(
						"UPDATE profiles SET post_count = (SELECT count(*) FROM posts WHERE author_id = ? AND deleted_at IS NULL) WHERE user_id = ?")) {
			int n = 0;
			for (int author = 0; author < userIds.size(); author++) {
				for (String status : statuses) {
					n++;
					UUID id = Ids.next();
					post.setObject(1, id);
					post.setObject(2, userIds.get(author));
					post.setString(3, "Demo post " + n + ": " + status.toLowerCase() + " notes on reactive PostgreSQL");
					post.setString(4, "Body of demo post " + n
							+ ". Backpressure, connection pools and migrations in production.");
					post.setString(5, status);
					post.setTimestamp(6,
							status.equals("DRAFT") ? null : Timestamp.from(now.minus(n, ChronoUnit.HOURS)));
					post.addBatch();
					link.setObject(1, id);
					link.setObject(2, categoryIds.get(n % categoryIds.size()));
					link.addBatch();
					if (status.equals("PUBLISHED")) {
						UUID commenter = userIds.get((author + 1) % userIds.size());
						comment.setObject(1, Ids.next());
						comment.setObject(2, id);
						comment.setObject(3, commenter);
						comment.setString(4, "A first comment on demo post " + n + ".");
						comment.addBatch();
					}
				}
			}
			post.executeBatch();
			link.executeBatch();
			comment.executeBatch();
			for (UUID userId : userIds) {
				postCount.setObject(1, userId);
				postCount.setObject(2, userId);
				postCount.addBatch();
			}
			postCount.executeBatch();
		}
	}

}
