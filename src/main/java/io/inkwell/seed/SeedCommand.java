package io.inkwell.seed;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.db.InvalidDatabaseUrlException;

/**
 * {@code java -jar inkwell.jar seed --demo | --users N --posts-per-user M}: the demo data
 * (logins with a published password, so only when asked for by name, and never into a
 * database that holds other users) or bulk data for benchmarks, into
 * {@code DATABASE_URL}. Both are idempotent. Starts no web server; the schema must be
 * migrated first.
 */
public final class SeedCommand {

	private final Map<String, String> environment;

	private final PrintStream out;

	private final PrintStream err;

	public SeedCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
		this.environment = environment;
		this.out = out;
		this.err = err;
	}

	static final String USAGE = "usage: seed --demo | seed --users N --posts-per-user M";

	/**
	 * @return the process exit code: 0 done, 2 usage or configuration error (or demo data
	 * refused), 3 failure
	 */
	public int run(List<String> args) {
		int users = 0;
		int postsPerUser = 0;
		boolean demo = args.equals(List.of("--demo"));
		if (!demo) {
			if (args.size() != 4 || !args.get(0).equals("--users") || !args.get(2).equals("--posts-per-user")
					|| !args.get(1).matches("[1-9][0-9]{0,6}") || !args.get(3).matches("[0-9]{1,4}")) {
				this.err.println(USAGE);
				return 2;
			}
			users = Integer.parseInt(args.get(1));
			postsPerUser = Integer.parseInt(args.get(3));
		}
		String value = this.environment.get("DATABASE_URL");
		if (value == null || value.isBlank()) {
			this.err.println("seed: set DATABASE_URL to the database to seed");
			return 2;
		}
		DatabaseUrl url;
		try {
			url = DatabaseUrl.parse(value);
		}
		catch (InvalidDatabaseUrlException ex) {
			this.err.println("seed: " + ex.getMessage());
			return 2;
		}
		try (Connection connection = DriverManager.getConnection(url.jdbcUrl() + "&reWriteBatchedInserts=true",
				url.jdbcProperties())) {
			if (demo) {
				long others = DemoSeed.otherUsers(connection);
				if (others > 0) {
					this.err.println("seed: refused: the database holds " + others
							+ " user(s) that are not demo users; the demo logins (published password) go only into"
							+ " a database of their own");
					return 2;
				}
				boolean written = DemoSeed.apply(connection);
				this.out
					.println(written ? "seed: demo data loaded" : "seed: demo data already present, nothing written");
			}
			else {
				int created = BulkSeed.apply(connection, users, postsPerUser);
				this.out.println("seed: " + created + " user(s) created with " + postsPerUser + " post(s) each, "
						+ (users - created) + " already present");
			}
			return 0;
		}
		catch (SQLException ex) {
			this.err.println("seed failed: " + ex.getMessage());
			return 3;
		}
	}

}
