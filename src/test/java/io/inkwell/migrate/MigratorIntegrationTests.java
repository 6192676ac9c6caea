package io.inkwell.migrate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.support.Sql;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigratorIntegrationTests {

	DatabaseUrl database;

	Migrator migrator;

	@BeforeEach
	void emptyDatabase() {
		this.database = TestDatabase.get().createDatabase("migrator");
		this.migrator = migrator(Duration.ofMinutes(1));
	}

	@AfterEach
	void dropDatabase() {
		TestDatabase.get().dropDatabase(this.database);
	}

	@Test
	void appliesEveryChangesetOnceAndSecondRunIsNoOp() throws SQLException {
		int expected = Changelog.expected().size();
		assertThat(this.migrator.status().pending()).hasSize(expected);
		assertThat(this.migrator.update()).hasSize(expected);
		assertThat(Sql.on(this.database).count("SELECT count(*) FROM databasechangelog")).isEqualTo(expected);
		assertThat(this.migrator.update()).isEmpty();
		assertThat(Sql.on(this.database).count("SELECT count(*) FROM databasechangelog")).isEqualTo(expected);
		MigrationStatus status = this.migrator.status();
		assertThat(status.upToDate()).isTrue();
		assertThat(status.applied()).extracting(MigrationStatus.Applied::id)
			.containsExactlyElementsOf(Changelog.expected().stream().map(Changelog.ChangeSetId::id).toList());
	}

	@Test
	void createsTheWholeDataModel() throws SQLException {
		this.migrator.update();
		assertThat(Sql.on(this.database).count("""
				SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'
				AND table_name IN ('users', 'profiles', 'posts', 'categories', 'post_categories', 'comments')
				""")).isEqualTo(6);
		assertThat(Sql.on(this.database)
			.count("SELECT count(*) FROM pg_type WHERE typname IN ('user_role', 'post_status')")).isEqualTo(2);
		assertThat(Sql.on(this.database).count("""
				SELECT count(*) FROM pg_indexes WHERE indexname IN ('posts_status_published_at_idx',
				'posts_author_id_status_idx', 'posts_search_idx')
				""")).isEqualTo(3);
	}

	@Test
	void twoRunnersStartedTogetherBothSucceedAndApplyOnce() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CyclicBarrier start = new CyclicBarrier(2);
			List<CompletableFuture<List<String>>> runs = List.of(1, 2)
				.stream()
				.map((n) -> CompletableFuture.supplyAsync(() -> {
					await(start);
					return migrator(Duration.ofMinutes(1)).update();
				}, pool))
				.toList();
			List<String> first = runs.get(0).get(2, TimeUnit.MINUTES);
			List<String> second = runs.get(1).get(2, TimeUnit.MINUTES);
			int expected = Changelog.expected().size();
			// one of them applied everything, the other found nothing to do
			assertThat(List.of(first.size(), second.size())).containsExactlyInAnyOrder(expected, 0);
			assertThat(Sql.on(this.database).count("SELECT count(*) FROM databasechangelog")).isEqualTo(expected);
			assertThat(Sql.on(this.database).count("SELECT count(DISTINCT id) FROM databasechangelog"))
				.isEqualTo(expected);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void runnerKilledWhileHoldingTheLockDoesNotBlockTheNext() throws Exception {
		this.migrator.update();
		// play a runner that took both locks and then died: its session ends, its
		// Liquibase lock row stays set
		try (Connection dying = Sql.on(this.database).connect(); Statement statement = dying.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + Migrator.ADVISORY_LOCK_KEY + ")");
			statement.executeUpdate(
					"UPDATE databasechangeloglock SET locked = TRUE, lockgranted = now(), lockedby = 'killed runner' WHERE id = 1");
			try (Connection killer = Sql.on(this.database).connect(); Statement kill = killer.createStatement()) {
				kill.execute("SELECT pg_terminate_backend(" + pid(dying) + ")");
			}
		}
		assertThat(Sql.on(this.database).count("SELECT count(*) FROM databasechangeloglock WHERE locked")).isEqualTo(1);
		CompletableFuture<List<String>> next = CompletableFuture
			.supplyAsync(() -> migrator(Duration.ofSeconds(30)).update());
		assertThat(next.get(60, TimeUnit.SECONDS)).isEmpty();
		assertThat(Sql.on(this.database).count("SELECT count(*) FROM databasechangeloglock WHERE locked")).isZero();
	}

	@Test
	void waitsForALiveRunnerAndGivesUpAfterTheLockWait() throws Exception {
		try (Connection live = Sql.on(this.database).connect(); Statement statement = live.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + Migrator.ADVISORY_LOCK_KEY + ")");
			assertThatThrownBy(() -> migrator(Duration.ofMillis(300)).update()).isInstanceOf(MigrationException.class)
				.hasMessageContaining("migration lock");
		}
		assertThat(Sql.on(this.database)
			.count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'users'")).isZero();
	}

	@Test
	void rollsBackEverythingAndReappliesCleanly() throws SQLException {
		int expected = Changelog.expected().size();
		this.migrator.update();
		this.migrator.rollback(expected);
		assertThat(Sql.on(this.database).count("SELECT count(*) FROM databasechangelog")).isZero();
		assertThat(Sql.on(this.database).count("""
				SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'
				AND table_name NOT IN ('databasechangelog', 'databasechangeloglock')
				""")).isZero();
		assertThat(Sql.on(this.database)
			.count("SELECT count(*) FROM pg_type WHERE typname IN ('user_role', 'post_status')")).isZero();
		assertThat(migrator(Duration.ofMinutes(1)).update()).hasSize(expected);
		assertThat(migrator(Duration.ofMinutes(1)).status().upToDate()).isTrue();
	}

	@Test
	void validatesAppliedChecksums() throws SQLException {
		this.migrator.update();
		this.migrator.validate();
		try (Connection connection = Sql.on(this.database).connect();
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("UPDATE databasechangelog SET md5sum = '9:00000000000000000000000000000000' "
					+ "WHERE id = '0003-create-users-table'");
		}
		assertThatThrownBy(() -> migrator(Duration.ofMinutes(1)).validate()).isInstanceOf(MigrationException.class);
	}

	private Migrator migrator(Duration lockWait) {
		return new Migrator(this.database.jdbcUrl(), this.database.jdbcProperties(), lockWait);
	}

	private static int pid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
