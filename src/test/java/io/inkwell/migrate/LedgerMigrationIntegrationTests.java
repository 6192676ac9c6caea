package io.inkwell.migrate;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.db.Ids;
import io.inkwell.support.Sql;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changeset 0071 gives users who had credits before the ledger an {@code OPENING} row, so
 * that every balance equals the sum of its ledger rows afterwards.
 */
class LedgerMigrationIntegrationTests {

	/** Changesets after 0070: 0071 (opening balances) to 0074. */
	private static final int AFTER_0070 = 4;

	DatabaseUrl database;

	Migrator migrator;

	@BeforeEach
	void emptyDatabase() {
		this.database = TestDatabase.get().createDatabase("ledger");
		this.migrator = new Migrator(this.database.jdbcUrl(), this.database.jdbcProperties(), Duration.ofMinutes(1));
	}

	@AfterEach
	void dropDatabase() {
		TestDatabase.get().dropDatabase(this.database);
	}

	@Test
	void writesOneOpeningRowPerUserWhoseTransfersDoNotExplainTheBalance() throws SQLException {
		this.migrator.update();
		this.migrator.rollback(AFTER_0070);
		Sql.Database db = Sql.on(this.database);
		UUID rich = user(db, 100);
		UUID receiver = user(db, 80);
		UUID sender = user(db, 0);
		UUID empty = user(db, 0);
		// the receiver got 30 of its 80 from the sender, who had 30 and sent them all
		db.execute("INSERT INTO transfers (id, from_user_id, to_user_id, amount) VALUES (?, ?, ?, 30)", Ids.next(),
				sender, receiver);

		this.migrator.update();

		assertThat(opening(db, rich)).isEqualTo(100);
		assertThat(opening(db, receiver)).isEqualTo(50);
		assertThat(opening(db, sender)).isEqualTo(30);
		assertThat(db.count("SELECT count(*) FROM transfers WHERE to_user_id = ? AND kind = 'OPENING'", empty))
			.isZero();
		assertThat(db.count("""
				SELECT count(*) FROM users u WHERE u.credits <> (
				  SELECT COALESCE(sum(CASE WHEN t.to_user_id = u.id THEN t.amount ELSE -t.amount END), 0)
				  FROM transfers t WHERE t.to_user_id = u.id OR t.from_user_id = u.id)
				""")).as("users whose balance is not their ledger").isZero();
	}

	private static UUID user(Sql.Database db, long credits) throws SQLException {
		UUID id = Ids.next();
		db.execute("INSERT INTO users (id, email, name, credits) VALUES (?, ?, ?, ?)", id, "m-" + id + "@test.example",
				"M", credits);
		return id;
	}

	private static long opening(Sql.Database db, UUID user) throws SQLException {
		return db.count("SELECT amount FROM transfers WHERE to_user_id = ? AND kind = 'OPENING'", user);
	}

}
