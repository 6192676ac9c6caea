package io.inkwell.dashboard;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.migrate.Changelog;
import io.inkwell.seed.DemoSeed;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.Tokens;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.inkwell.dashboard.DashboardFixtures.execute;
import static io.inkwell.dashboard.DashboardFixtures.list;
import static io.inkwell.dashboard.DashboardFixtures.map;
import static io.inkwell.dashboard.DashboardFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's cards against the shared test database, with content each test makes
 * itself: a statement slowed down on purpose, an index nobody uses, a table with dead
 * rows.
 */
@IntegrationTest
class DashboardApiIntegrationTests {

	private static final List<String> CARDS = List.of("pool", "migrations", "queries", "slowQueries", "indexes",
			"storage", "config", "seed", "backup");

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	// the dashboard's data is for ADMINs (the authorisation matrix covers everyone else)
	@BeforeEach
	void authenticateAsAdmin() {
		this.client = this.client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin()).build();
	}

	@Autowired
	DatabaseClient db;

	@Test
	void overviewGivesEveryCardAStateAndAReason() {
		Map<String, Object> overview = get("/api/ops");
		assertThat(overview.get("state")).isIn("green", "amber", "red");
		assertThat((String) overview.get("reason")).isNotBlank();
		assertThat(Instant.parse((String) overview.get("checkedAt"))).isBefore(Instant.now().plusSeconds(1));
		Map<String, Object> cards = map(overview, "cards");
		assertThat(cards).containsOnlyKeys(CARDS);
		// the page takes the cards and their titles from here, in this order
		Map<String, Object> titles = map(overview, "titles");
		assertThat(titles.keySet()).containsExactlyElementsOf(CARDS);
		assertThat(titles).containsEntry("slowQueries", "slow queries");
		cards.values().forEach((card) -> {
			assertThat(((Map<?, ?>) card).get("state")).isIn("green", "amber", "red");
			assertThat((String) ((Map<?, ?>) card).get("reason")).isNotBlank();
		});
		String worst = cards.values()
			.stream()
			.map((card) -> (String) ((Map<?, ?>) card).get("state"))
			.reduce("green", (a, b) -> rank(a) >= rank(b) ? a : b);
		assertThat(overview.get("state")).isEqualTo(worst);
	}

	@Test
	void poolShowsItsSizeAndUse() {
		Map<String, Object> pool = get("/api/ops/pool");
		assertThat(pool.get("max")).isEqualTo(TestDatabase.get().databaseUrl().connectionLimit());
		assertThat((Integer) pool.get("acquired")).isBetween(0, (Integer) pool.get("max"));
		assertThat(pool.get("pending")).isEqualTo(0);
		assertThat(pool.get("poolTimeoutMs")).isEqualTo(10_000);
		assertThat(pool).containsKeys("idle", "acquireWait", "connectionCreate", "timeouts", "rejections");
		assertThat(map(pool, "connectionCreate").get("count")).isNotEqualTo(0);
	}

	@Test
	void migrationsListEveryChangesetAppliedWithDateAndAuthor() {
		Map<String, Object> migrations = get("/api/ops/migrations");
		assertThat(migrations.get("state")).isEqualTo("green");
		assertThat(migrations.get("schemaMatches")).isEqualTo(true);
		assertThat(migrations.get("expected")).isEqualTo(Changelog.expected().size());
		assertThat(list(migrations, "pending")).isEmpty();
		List<Map<String, Object>> applied = list(migrations, "applied");
		assertThat(applied).hasSize(Changelog.expected().size());
		assertThat(applied).allSatisfy((changeSet) -> {
			assertThat(changeSet.get("author")).isEqualTo("inkwell");
			assertThat(Instant.parse((String) changeSet.get("executedAt"))).isBefore(Instant.now());
		});
		// newest first
		assertThat(applied.get(0).get("changeSet"))
			.isEqualTo(Changelog.expected().get(Changelog.expected().size() - 1).id());
	}

	@Test
	void queriesShowPercentilesPerNamedStatement() {
		this.client.get().uri("/api/users/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound();
		Map<String, Object> queries = get("/api/ops/queries");
		Map<String, Object> findById = list(queries, "queries").stream()
			.filter((query) -> query.get("name").equals("UserRepository.findLiveById"))
			.findFirst()
			.orElseThrow();
		Map<String, Object> latency = map(findById, "latency");
		assertThat(((Number) latency.get("count")).longValue()).isPositive();
		assertThat(((Number) latency.get("p95Ms")).doubleValue())
			.isGreaterThanOrEqualTo(((Number) latency.get("p50Ms")).doubleValue());
		assertThat(((Number) latency.get("p99Ms")).doubleValue())
			.isGreaterThanOrEqualTo(((Number) latency.get("p95Ms")).doubleValue());
		assertThat(queries.get("thresholdMs")).isEqualTo(200.0);
		assertThat(list(queries, "queries"))
			.noneMatch((query) -> ((String) query.get("name")).startsWith("DashboardRepository."));
	}

	@Test
	void slowQueriesShowAStatementMadeSlowOnPurposeWithoutItsParameters() throws SQLException {
		String name = unique("DashboardTest.slow");
		// pg_stat_statements keeps one entry per statement shape with the text first seen
		// (without
		// the leading comment on PostgreSQL 18): a shape only this test runs, marked by
		// its alias
		String marker = unique("slept");
		this.db.sql("/* " + name + " */ SELECT pg_sleep(:seconds) AS " + marker + ", :one + :one AS two")
			.bind("seconds", 0.25)
			.bind("one", 1)
			.fetch()
			.rowsUpdated()
			.block();
		Map<String, Object> slow = get("/api/ops/slow-queries");
		assertThat(slow.get("state")).isIn("amber", "red");
		Map<String, Object> recorded = list(slow, "recent").stream()
			.filter((statement) -> statement.get("name").equals(name))
			.findFirst()
			.orElseThrow();
		assertThat(((Number) recorded.get("durationMs")).doubleValue()).isGreaterThanOrEqualTo(250);
		assertThat((String) recorded.get("sql")).contains("pg_sleep($1)").doesNotContain("0.25");
		assertThat(Instant.parse((String) recorded.get("at"))).isBefore(Instant.now().plusSeconds(1));
		Map<String, Object> extension = map(slow, "pgStatStatements");
		if (DashboardFixtures.serverPreloadsPgStatStatements()) {
			assertThat(slow.get("source")).isEqualTo("pg_stat_statements");
			assertThat(extension.get("available")).isEqualTo(true);
			assertThat(list(extension, "statements")).anySatisfy((statement) -> {
				assertThat((String) statement.get("query")).contains(marker).doesNotContain("0.25");
				assertThat(((Number) statement.get("meanMs")).doubleValue()).isGreaterThanOrEqualTo(250);
				assertThat(statement.get("slow")).isEqualTo(true);
			});
		}
		else {
			assertThat(slow.get("source")).isEqualTo("application");
			assertThat(extension.get("available")).isEqualTo(false);
			assertThat((String) extension.get("note")).isNotBlank();
		}
	}

	@Test
	void indexesShowAnIndexNobodyUsesAsUnused() throws SQLException {
		String index = unique("dashboard_unused_idx");
		execute("CREATE INDEX " + index + " ON comments (updated_at, created_at)");
		try {
			Map<String, Object> indexes = get("/api/ops/indexes");
			assertThat(indexes.get("state")).isEqualTo("amber");
			assertThat(list(indexes, "unused")).anySatisfy((unused) -> {
				assertThat(unused.get("index")).isEqualTo(index);
				assertThat(unused.get("table")).isEqualTo("comments");
				assertThat(unused.get("scans")).isEqualTo(0);
			});
			// a unique index enforces a constraint: never "unused", even when never
			// scanned
			assertThat(list(indexes, "unused")).noneMatch((unused) -> unused.get("index").equals("users_email_key"));
			assertThat(list(indexes, "tables"))
				.anySatisfy((table) -> assertThat(table.get("table")).isEqualTo("users"));
		}
		finally {
			execute("DROP INDEX " + index);
		}
	}

	@Test
	void storageShowsSizeAndLiveAndDeadRowsOfATable() throws SQLException {
		String table = unique("dashboard_churn");
		// autovacuum off: it must not reclaim the dead rows while the test looks for them
		execute("CREATE TABLE " + table + " (id int PRIMARY KEY, note text) WITH (autovacuum_enabled = false)",
				"INSERT INTO " + table + " SELECT n, repeat('x', 200) FROM generate_series(1, 100) AS n",
				"DELETE FROM " + table + " WHERE id <= 30");
		try {
			// a session reports its row counts when it ends; poll until the statistics
			// have them
			Map<String, Object> row = null;
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (System.nanoTime() < deadline) {
				row = list(get("/api/ops/storage"), "tables").stream()
					.filter((t) -> t.get("table").equals(table))
					.findFirst()
					.orElseThrow();
				if (((Number) row.get("deadRows")).longValue() == 30) {
					break;
				}
			}
			assertThat(row.get("liveRows")).isEqualTo(70);
			assertThat(row.get("deadRows")).isEqualTo(30);
			assertThat(row.get("deadRatio")).isEqualTo(0.3);
			assertThat(((Number) row.get("totalBytes")).longValue())
				.isGreaterThan(((Number) row.get("tableBytes")).longValue());
		}
		finally {
			execute("DROP TABLE " + table);
		}
	}

	@Test
	void configChecksPoolAgainstMaxConnectionsAndShowsTheUrlRedacted() throws SQLException {
		Map<String, Object> config = get("/api/ops/config");
		assertThat(config.get("databaseUrl")).isEqualTo(TestDatabase.get().databaseUrl().redacted());
		assertThat(list(config, "checks")).extracting((check) -> check.get("name"))
			.containsExactly("jwtSecret", "connections", "pgbouncer", "tls");
		Map<String, Object> connections = list(config, "checks").get(1);
		assertThat((String) connections.get("reason"))
			.contains("max_connections " + Sql.string("SELECT current_setting('max_connections')"));
		assertThat((String) config.get("serverVersion")).isNotBlank();
	}

	@Test
	void seedShowsWhichDemoLoginsExist() throws SQLException {
		Map<String, Object> seed = get("/api/ops/seed");
		assertThat(seed.get("devMode")).isEqualTo(false);
		List<Map<String, Object>> logins = list(seed, "demoLogins");
		assertThat(logins).extracting((login) -> login.get("email"))
			.containsExactlyElementsOf(DemoSeed.DEMO_USERS.stream().map((user) -> user[0]).toList());
		for (Map<String, Object> login : logins) {
			boolean exists = Sql.string("SELECT count(*) FROM users WHERE email = ?", login.get("email")).equals("1");
			assertThat(login.get("present")).isEqualTo(exists);
		}
		assertThat(seed).doesNotContainKey("passwordHash");
	}

	@Test
	void backupIsUnknownWithoutAMarkerFile() {
		Map<String, Object> backup = get("/api/ops/backup");
		assertThat(backup.get("state")).isEqualTo("amber");
		assertThat((String) backup.get("reason")).contains("unknown");
		assertThat(backup.get("lastBackup")).isNull();
	}

	@Test
	void servesTheDashboardPageWithAStrictContentSecurityPolicy() {
		this.client.get()
			.uri("/ops")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.valueMatches("Content-Security-Policy", ".*default-src 'none'.*script-src 'self'.*")
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("<title>Inkwell · operations</title>", "/ops/dashboard.js"));
		this.client.get()
			.uri("/ops/dashboard.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/javascript");
	}

	private Map<String, Object> get(String path) {
		return this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectHeader()
			.valueEquals("Cache-Control", "no-store")
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private static int rank(String state) {
		return List.of("green", "amber", "red").indexOf(state);
	}

}
