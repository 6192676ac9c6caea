package io.inkwell.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.migrate.Migrator;
import io.inkwell.seed.DemoSeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The scripts the backup CronJob runs ({@code k8s/backup/backup.sh}, {@code restore.sh}),
 * run here with {@code sh} against a real PostgreSQL and client tools that fit it
 * ({@link BackupPostgres}): a seeded database is dumped, restored into a fresh one, and
 * both are compared.
 */
class BackupRestoreTests {

	private static final Path SCRIPTS = Kustomize.K8S.resolve("backup");

	private static BackupPostgres postgres;

	private static DatabaseUrl seeded;

	@BeforeAll
	static void seedADatabase() throws SQLException {
		BackupPostgres.Result found = BackupPostgres.find();
		assumeTrue(found.postgres() != null, "cannot run pg_dump here: " + found.whyNot());
		postgres = found.postgres();
		System.getLogger(BackupRestoreTests.class.getName())
			.log(System.Logger.Level.INFO, "Backup scripts run against {0}", postgres.description());
		seeded = postgres.createDatabase("backup");
		new Migrator(seeded.jdbcUrl(), seeded.jdbcProperties(), Duration.ofMinutes(1)).update();
		try (Connection connection = BackupPostgres.connect(seeded)) {
			assertThat(DemoSeed.apply(connection)).isTrue();
			// titles that a careless dump or restore would mangle
			try (PreparedStatement post = connection.prepareStatement("""
					INSERT INTO posts (id, author_id, title, body, status, published_at)
					SELECT ?, id, ?, ?, 'PUBLISHED', now() FROM users WHERE email = 'alice@example.com'
					""")) {
				for (String title : List.of("Quotes ' \" and \\ backslashes", "Zeilenumbruch\nund Ümlaute", "表情 🖋")) {
					post.setObject(1, UUID.randomUUID());
					post.setString(2, title);
					post.setString(3, "body of " + title);
					post.executeUpdate();
				}
			}
		}
	}

	@AfterAll
	static void stopTheServer() {
		if (postgres != null) {
			postgres.dropDatabase(seeded.database());
			postgres.close();
		}
	}

	@Test
	void restoresADumpIntoAFreshDatabaseWithTheSameRowsAndPosts(@TempDir Path backups) throws Exception {
		Run backup = run(backups, "backup.sh");
		assertThat(backup.exit()).as(backup.output()).isZero();
		String dump = marker(backups).get("file");
		String restored = BackupPostgres.uniqueName("restored");
		try {
			Run restore = run(backups, "restore.sh", dump, restored);
			assertThat(restore.exit()).as(restore.output()).isZero();
			Map<String, String> original = snapshot(seeded);
			assertThat(original).containsKeys("users", "profiles", "posts", "categories", "post_categories", "comments",
					"databasechangelog", "posts checksum");
			assertThat(Long.parseLong(original.get("posts"))).isGreaterThan(3);
			assertThat(snapshot(postgres.database(restored))).isEqualTo(original);
		}
		finally {
			postgres.dropDatabase(restored);
		}
	}

	@Test
	void restoresTheLatestDumpNamedInTheMarker(@TempDir Path backups) throws Exception {
		assertThat(run(backups, "backup.sh").exit()).isZero();
		String restored = BackupPostgres.uniqueName("restored");
		try {
			Run restore = run(backups, "restore.sh", "latest", restored);
			assertThat(restore.exit()).as(restore.output()).isZero();
			assertThat(restore.output()).contains(marker(backups).get("file"));
			assertThat(snapshot(postgres.database(restored))).isEqualTo(snapshot(seeded));
		}
		finally {
			postgres.dropDatabase(restored);
		}
	}

	@Test
	void recordsTheLastBackupWithTimeSizeAndChecksum(@TempDir Path backups) throws Exception {
		Instant before = Instant.now().minusSeconds(1);
		assertThat(run(backups, "backup.sh").exit()).isZero();
		Map<String, String> marker = marker(backups);
		Path dump = backups.resolve(marker.get("file"));
		assertThat(marker.get("file")).matches(seeded.database() + "-[0-9]{8}T[0-9]{6}Z\\.dump");
		assertThat(Instant.parse(marker.get("time"))).isBetween(before, Instant.now().plusSeconds(1));
		assertThat(Long.parseLong(marker.get("bytes"))).isEqualTo(Files.size(dump)).isPositive();
		assertThat(marker.get("sha256")).isEqualTo(sha256(dump));
		// pg_dump's custom format starts with "PGDMP"
		assertThat(new String(Files.readAllBytes(dump), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("PGDMP");
		try (Stream<Path> files = Files.list(backups)) {
			assertThat(files.map((file) -> file.getFileName().toString())).as("no partial files left")
				.containsExactlyInAnyOrder(marker.get("file"), "last-backup");
		}
	}

	@Test
	void keepsOnlyTheNewestDumps(@TempDir Path backups) throws Exception {
		String prefix = seeded.database();
		for (String old : List.of("20200101T000000Z", "20210101T000000Z", "20220101T000000Z")) {
			Files.writeString(backups.resolve(prefix + "-" + old + ".dump"), "old");
		}
		Files.writeString(backups.resolve("notes.txt"), "not a dump");
		Run backup = run(backups, Map.of("BACKUP_KEEP", "2"), "backup.sh");
		assertThat(backup.exit()).as(backup.output()).isZero();
		try (Stream<Path> files = Files.list(backups)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder(
					marker(backups).get("file"), prefix + "-20220101T000000Z.dump", "notes.txt", "last-backup");
		}
	}

	@Test
	void refusesADumpThatNoLongerMatchesItsRecordedChecksum(@TempDir Path backups) throws Exception {
		assertThat(run(backups, "backup.sh").exit()).isZero();
		Path dump = backups.resolve(marker(backups).get("file"));
		byte[] bytes = Files.readAllBytes(dump);
		bytes[bytes.length - 1] ^= 1;
		Files.write(dump, bytes);
		String restored = BackupPostgres.uniqueName("restored");
		Run restore = run(backups, "restore.sh", "latest", restored);
		assertThat(restore.exit()).isEqualTo(2);
		assertThat(restore.output()).contains("does not match the sha256");
		assertThat(postgres.exists(restored)).isFalse();
	}

	@Test
	void refusesToRestoreOverAnExistingDatabase(@TempDir Path backups) throws Exception {
		assertThat(run(backups, "backup.sh").exit()).isZero();
		Map<String, String> before = snapshot(seeded);
		Run restore = run(backups, "restore.sh", "latest", seeded.database());
		assertThat(restore.exit()).isNotZero();
		assertThat(restore.output()).contains("already exists");
		assertThat(snapshot(seeded)).isEqualTo(before);
	}

	@Test
	void refusesToStartWithoutConnectionSettings(@TempDir Path backups) throws Exception {
		Run backup = run(backups, Map.of("PGHOST", ""), "backup.sh");
		assertThat(backup.exit()).isNotZero();
		assertThat(backup.output()).contains("set PGHOST");
		try (Stream<Path> files = Files.list(backups)) {
			assertThat(files).isEmpty();
		}
	}

	private record Run(int exit, String output) {
	}

	private static Run run(Path backups, String script, String... args) throws IOException, InterruptedException {
		return run(backups, Map.of(), script, args);
	}

	private static Run run(Path backups, Map<String, String> overrides, String script, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("sh", SCRIPTS.resolve(script).toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((name) -> name.startsWith("PG") || name.startsWith("BACKUP_"));
		environment.putAll(postgres.libpqEnvironment(seeded));
		environment.put("PATH", postgres.bin() + java.io.File.pathSeparator + environment.get("PATH"));
		environment.put("BACKUP_DIR", backups.toString());
		environment.putAll(overrides);
		Process process = builder.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(script + " finishes").isTrue();
		return new Run(process.exitValue(), output);
	}

	private static Map<String, String> marker(Path backups) throws IOException {
		Map<String, String> marker = new LinkedHashMap<>();
		for (String line : Files.readAllLines(backups.resolve("last-backup"))) {
			int equals = line.indexOf('=');
			marker.put(line.substring(0, equals), line.substring(equals + 1));
		}
		assertThat(marker).containsOnlyKeys("time", "file", "bytes", "sha256");
		return marker;
	}

	/** Row counts of every table and a checksum of the posts. */
	private static Map<String, String> snapshot(DatabaseUrl database) throws SQLException {
		Map<String, String> snapshot = new LinkedHashMap<>();
		try (Connection connection = BackupPostgres.connect(database);
				Statement statement = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery("""
					SELECT table_name FROM information_schema.tables
					WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
					""")) {
				while (rows.next()) {
					tables.add(rows.getString(1));
				}
			}
			for (String table : tables) {
				try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
					rows.next();
					snapshot.put(table, rows.getString(1));
				}
			}
			try (ResultSet rows = statement.executeQuery(
					"SELECT md5(string_agg(id::text || title || status::text, ',' ORDER BY id)) FROM posts")) {
				rows.next();
				snapshot.put("posts checksum", rows.getString(1));
			}
		}
		return snapshot;
	}

	private static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

}
