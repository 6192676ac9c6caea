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
import java.util.Random;
import java.util.UUID;

import io.inkwell.db.Ids;

/**
 * Bulk data for benchmarks: {@code users} users ({@code seed-user-N@bench.example}) with
 * {@code postsPerUser} posts each — 60 % PUBLISHED (published over the last year), 25 %
 * DRAFT, 15 % ARCHIVED — written in batches, one transaction per batch of users.
 * Idempotent per user: a user that already exists is skipped together with its posts.
 * JDBC; for the {@code seed} command only.
 */
public final class BulkSeed {

	private static final String[] WORDS = { "reactive", "postgres", "backpressure", "pool", "index", "cursor",
			"migration", "replica", "latency", "throughput", "kubernetes", "schema", "query", "vacuum", "stream" };

	private static final int USERS_PER_BATCH = 500;

	/** Credits every seeded user starts with. */
	static final long CREDITS = 1000;

	private BulkSeed() {
	}

	/**
	 * @return the number of users created (existing ones are skipped)
	 */
	public static int apply(Connection connection, int users, int postsPerUser) throws SQLException {
		Random random = new Random(42);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		int created = 0;
		// each new user's credits get their OPENING ledger row in the same statement:
		// every
		// balance is the sum of its ledger rows
		try (PreparedStatement user = connection.prepareStatement("""
				WITH created AS (
				  INSERT INTO users (id, email, name, role, credits)
				  SELECT id, email, name, 'USER', %d FROM unnest(?::uuid[], ?::text[], ?::text[]) AS u(id, email, name)
				  ON CONFLICT (email) DO NOTHING
				  RETURNING id, credits),
				opening AS (
				  INSERT INTO transfers (id, to_user_id, amount, kind)
				  SELECT gen_random_uuid(), id, credits, 'OPENING' FROM created)
				SELECT id FROM created""".formatted(CREDITS));
				PreparedStatement profile = connection.prepareStatement("""
						INSERT INTO profiles (id, user_id, bio, post_count) VALUES (?, ?, ?, ?)
						ON CONFLICT (user_id) DO NOTHING""");
				PreparedStatement post = connection.prepareStatement("""
						INSERT INTO posts (id, author_id, title, body, status, published_at, created_at, updated_at)
						VALUES (?, ?, ?, ?, CAST(? AS post_status), ?, ?, ?)""")) {
			for (int first = 1; first <= users; first += USERS_PER_BATCH) {
				int last = Math.min(users, first + USERS_PER_BATCH - 1);
				List<UUID> ids = new ArrayList<>();
				List<String> emails = new ArrayList<>();
				List<String> names = new ArrayList<>();
				for (int n = first; n <= last; n++) {
					ids.add(Ids.next());
					emails.add("seed-user-" + n + "@bench.example");
					names.add("Seed User " + n);
				}
				user.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
				user.setArray(2, connection.createArrayOf("text", emails.toArray()));
				user.setArray(3, connection.createArrayOf("text", names.toArray()));
				// ON CONFLICT DO NOTHING returns only the users that are new: existing
				// ones keep their posts
				List<UUID> createdIds = new ArrayList<>();
				try (ResultSet rows = user.executeQuery()) {
					while (rows.next()) {
						createdIds.add(rows.getObject(1, UUID.class));
					}
				}
				for (UUID authorId : createdIds) {
					created++;
					int live = 0;
					for (int p = 0; p < postsPerUser; p++) {
						int roll = random.nextInt(100);
						String status = (roll < 60) ? "PUBLISHED" : (roll < 85) ? "DRAFT" : "ARCHIVED";
						Instant createdAt = now.minus(random.nextInt(365 * 24 * 60), ChronoUnit.MINUTES);
						post.setObject(1, Ids.next());
						post.setObject(2, authorId);
						post.setString(3, title(random));
						post.setString(4, "Seeded body about " + title(random) + ".");
						post.setString(5, status);
						post.setTimestamp(6, status.equals("DRAFT") ? null : Timestamp.from(createdAt));
						post.setTimestamp(7, Timestamp.from(createdAt));
						post.setTimestamp(8, Timestamp.from(createdAt));
						post.addBatch();
						live++;
					}
					profile.setObject(1, Ids.next());
					profile.setObject(2, authorId);
					profile.setString(3, "Seeded author.");
					profile.setInt(4, live);
					profile.addBatch();
				}
				post.executeBatch();
				profile.executeBatch();
				connection.commit();
			}
			return created;
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	private static String title(Random random) {
		return WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " "
				+ WORDS[random.nextInt(WORDS.length)];
	}

}
