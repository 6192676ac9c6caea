package io.inkwell.migrate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MigrateCommandTests {

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void refusesToRunWithoutADatabaseUrl() {
		assertThat(run(Map.of(), "update")).isEqualTo(MigrateCommand.USAGE);
		assertThat(err()).contains("set MIGRATION_DATABASE_URL or DATABASE_URL");
	}

	@Test
	void namesTheBadVariableWithoutPrintingThePassword() {
		assertThat(run(Map.of("MIGRATION_DATABASE_URL", "mysql://admin:hunter2-secret@db/x"), "update"))
			.isEqualTo(MigrateCommand.USAGE);
		assertThat(err()).startsWith("migrate: MIGRATION_DATABASE_URL").doesNotContain("hunter2-secret");
		assertThat(err().lines()).hasSize(1);
	}

	@Test
	void refusesAUrlThroughPgBouncerAndTakesTheDirectOneBesideIt() {
		String pooled = "postgresql://app@pgbouncer.example:6432/inkwell?pgbouncer=true";
		assertThat(run(Map.of("DATABASE_URL", pooled), "status")).isEqualTo(MigrateCommand.USAGE);
		assertThat(err()).startsWith("migrate: DATABASE_URL has pgbouncer=true").contains("set MIGRATION_DATABASE_URL");
		// the direct URL wins over the pooled DATABASE_URL, which is never contacted
		Map<String, String> environment = Map.of("MIGRATION_DATABASE_URL", TestDatabase.get().url(), "DATABASE_URL",
				pooled);
		assertThat(run(environment, "status")).isEqualTo(MigrateCommand.OK);
	}

	@Test
	void rejectsUnknownActionsAndBadCounts() {
		String url = TestDatabase.get().url();
		assertThat(run(Map.of("DATABASE_URL", url), "upgrade")).isEqualTo(MigrateCommand.USAGE);
		assertThat(run(Map.of("DATABASE_URL", url), "rollback")).isEqualTo(MigrateCommand.USAGE);
		assertThat(run(Map.of("DATABASE_URL", url), "rollback", "-1")).isEqualTo(MigrateCommand.USAGE);
		assertThat(run(Map.of("DATABASE_URL", url), "rollback", "x")).isEqualTo(MigrateCommand.USAGE);
		assertThat(err()).contains(MigrateCommand.USAGE_TEXT);
	}

	@Test
	void prefersMigrationUrlAndReportsPendingThroughTheExitCode() {
		DatabaseUrl fresh = TestDatabase.get().createDatabase("command");
		try {
			// DATABASE_URL points at a server that does not exist: MIGRATION_DATABASE_URL
			// must win
			Map<String, String> environment = Map.of("MIGRATION_DATABASE_URL", fresh.toUrlString(), "DATABASE_URL",
					"postgresql://nobody@127.0.0.1:1/nowhere");
			assertThat(run(environment, "status")).isEqualTo(MigrateCommand.PENDING);
			assertThat(out()).contains("pending  0001-create-user-role-type");
			assertThat(run(environment)).isEqualTo(MigrateCommand.OK);
			assertThat(out()).contains("applied " + Changelog.expected().size() + " changeset(s)");
			assertThat(run(environment, "update")).isEqualTo(MigrateCommand.OK);
			assertThat(out()).contains("nothing applied");
			assertThat(run(environment, "status")).isEqualTo(MigrateCommand.OK);
			assertThat(run(environment, "validate")).isEqualTo(MigrateCommand.OK);
			assertThat(run(environment, "rollback", "2")).isEqualTo(MigrateCommand.OK);
			assertThat(run(environment, "status")).isEqualTo(MigrateCommand.PENDING);
			assertThat(out()).contains("2 pending");
		}
		finally {
			TestDatabase.get().dropDatabase(fresh);
		}
	}

	@Test
	void failsWithExitCode3WhenTheDatabaseIsUnreachable() {
		assertThat(run(Map.of("DATABASE_URL", "postgresql://u:p@127.0.0.1:1/nowhere?connect_timeout=2"), "status"))
			.isEqualTo(MigrateCommand.FAILED);
		assertThat(err()).startsWith("migrate status failed:");
	}

	private int run(Map<String, String> environment, String... args) {
		this.out.reset();
		this.err.reset();
		return new MigrateCommand(environment, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8))
			.run(List.of(args));
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
