package io.inkwell.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One temporary cluster is shared by the class, because initdb is the slow part; the test that
 * closes it runs last. The persistent-directory test has its own cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedPostgresTests {

	private static EmbeddedPostgres postgres;

	@BeforeAll
	static void startTemporaryServer() {
		postgres = EmbeddedPostgres.start(null, 0);
	}

	@AfterAll
	static void closeTemporaryServer() {
		postgres.close();
	}

	@Test
	@Order(1)
	void startsServerThatAnswersQueries() throws SQLException {
		assertTrue(postgres.isRunning());
		assertEquals("127.0.0.1", postgres.host());
		assertEquals("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres?user=postgres",
				postgres.jdbcUrl("postgres"));
		assertEquals("postgresql://postgres@127.0.0.1:" + postgres.port() + "/postgres",
				postgres.databaseUrl("postgres"));
		String version = queryString(postgres.jdbcUrl("postgres"), "SELECT version()");
		assertTrue(version.contains("PostgreSQL 18"), version);
	}

	@Test
	@Order(2)
	void createsDatabaseThatIsReachable() throws SQLException {
		postgres.createDatabase("inkwell_created");
		// A second call is a no-op, so that a dev start on a persistent directory can repeat it.
		postgres.createDatabase("inkwell_created");
		assertEquals("inkwell_created",
				queryString(postgres.jdbcUrl("inkwell_created"), "SELECT current_database()"));
	}

	@Test
	@Order(3)
	void rejectsDatabaseNamesThatNeedEscaping() {
		for (String name : List.of("Inkwell", "in-kwell", "1inkwell", "inkwell\"; DROP", "")) {
			assertThrows(IllegalArgumentException.class, () -> postgres.createDatabase(name), name);
		}
	}

	@Test
	@Order(4)
	void keepsPortAndDataAcrossStopAndStartAgain() throws SQLException {
		String url = postgres.jdbcUrl("postgres");
		execute(url, "CREATE TABLE survivor (name text)", "INSERT INTO survivor VALUES ('before the stop')");
		int port = postgres.port();

		postgres.stop();
		assertFalse(postgres.isRunning());
		assertThrows(SQLException.class, () -> DriverManager.getConnection(url).close());

		postgres.startAgain();
		assertTrue(postgres.isRunning());
		assertEquals(port, postgres.port());
		assertEquals("before the stop", queryString(url, "SELECT name FROM survivor"));
	}

	@Test
	@Order(5)
	void closeDeletesTemporaryDirectoryAndLeavesNoServer() throws Exception {
		Path data = postgres.dataDirectory();
		long pid = postmasterPid(data);
		assertTrue(isLive(pid));

		postgres.close();
		postgres.close();

		assertFalse(Files.exists(data));
		assertFalse(Files.exists(data.getParent()));
		assertFalse(postgres.isRunning());
		assertFalse(isLive(pid));
		assertEquals(List.of(), processesMentioning(data));
	}

	@Test
	@Order(6)
	void keepsPersistentDataAcrossInstancesAndTakesOverLeftoverServer(@TempDir Path tmp) throws Exception {
		// JUnit creates it private to its owner; as root, the server runs as nobody, who must
		// be able to enter it.
		Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path data = tmp.resolve("dev-data");
		EmbeddedPostgres first = EmbeddedPostgres.start(data, 0);
		try {
			first.createDatabase("inkwell_dev");
			execute(first.jdbcUrl("inkwell_dev"), "CREATE TABLE note (body text)", "INSERT INTO note VALUES ('kept')");
		}
		finally {
			first.close();
		}
		assertTrue(Files.exists(data.resolve("PG_VERSION")));

		EmbeddedPostgres second = EmbeddedPostgres.start(data, 0);
		assertEquals("kept", queryString(second.jdbcUrl("inkwell_dev"), "SELECT body FROM note"));

		// As if the JVM that started "second" had been killed: the next start finds its server
		// running on the directory and has to stop it.
		EmbeddedPostgres third = EmbeddedPostgres.start(data, 0);
		try {
			assertFalse(second.isRunning());
			assertEquals("kept", queryString(third.jdbcUrl("inkwell_dev"), "SELECT body FROM note"));
			// Closing the replaced instance must not stop the server that replaced it.
			second.close();
			assertTrue(third.isRunning());
		}
		finally {
			third.close();
		}
		assertTrue(Files.exists(data.resolve("PG_VERSION")));
		assertEquals(List.of(), processesMentioning(data));
	}

	private static String queryString(String url, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			assertTrue(result.next(), sql);
			return result.getString(1);
		}
	}

	private static void execute(String url, String... statements) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static long postmasterPid(Path data) throws Exception {
		return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
	}

	/** Zombies do not count: an orphaned postmaster stays one until init gets round to reaping it. */
	private static boolean isLive(long pid) throws Exception {
		Path stat = Path.of("/proc", String.valueOf(pid), "stat");
		if (!Files.exists(stat)) {
			return false;
		}
		String content = Files.readString(stat);
		return content.charAt(content.lastIndexOf(')') + 2) != 'Z';
	}

	private static List<ProcessHandle> processesMentioning(Path data) {
		String path = data.toString();
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().commandLine().map((line) -> line.contains(path)).orElse(false))
			.toList();
	}

}
