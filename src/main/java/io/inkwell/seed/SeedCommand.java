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
 * {@code java -jar inkwell.jar seed}: loads the demo data into {@code DATABASE_URL}
 * (idempotent). Starts no web server; the schema must be migrated first.
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

	/** @return the process exit code: 0 done, 2 usage or configuration error, 3 failure */
	public int run(List<String> args) {
		if (!args.isEmpty()) {
			this.err.println("usage: seed");
			return 2;
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
		try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties())) {
			boolean written = DemoSeed.apply(connection);
			this.out.println(written ? "seed: demo data loaded" : "seed: demo data already present, nothing written");
			return 0;
		}
		catch (SQLException ex) {
			this.err.println("seed failed: " + ex.getMessage());
			return 3;
		}
	}

}
