package io.inkwell.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.inkwell.dashboard.MigrationsCard.Applied;
import io.inkwell.dashboard.SlowQueriesCard.TopStatement;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * All SQL of the dashboard's cards: the Liquibase history, PostgreSQL's statistics views
 * and settings, and the demo logins. Read-only, except the one optional
 * {@code CREATE EXTENSION pg_stat_statements}. Schema names are bound where PostgreSQL
 * allows it; the one identifier formatted into SQL (the extension's schema) comes from
 * {@code pg_namespace}, never from a client.
 */
@Repository
class DashboardRepository {

	// dateexecuted is a timestamp without time zone that Liquibase fills with the
	// server's now()
	private static final String APPLIED_CHANGESETS = """
			/* DashboardRepository.appliedChangesets */ SELECT id, author, filename,
			  CAST(dateexecuted AS timestamptz) AS executed_at, exectype
			FROM databasechangelog ORDER BY orderexecuted DESC
			""";

	private static final String PG_STAT_STATEMENTS_SCHEMA = """
			/* DashboardRepository.pgStatStatementsSchema */ SELECT n.nspname AS schema_name
			FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
			WHERE e.extname = 'pg_stat_statements'
			""";

	private static final String CREATE_PG_STAT_STATEMENTS = """
			/* DashboardRepository.createPgStatStatements */ CREATE EXTENSION IF NOT EXISTS pg_stat_statements
			""";

	// %s: the extension's schema, quoted. Only this database's statements, and no utility
	// commands: the migrations' DDL would otherwise top the list forever.
	private static final String TOP_STATEMENTS = """
			/* DashboardRepository.topStatements */ SELECT left(query, 1000) AS query, calls,
			  mean_exec_time, max_exec_time, total_exec_time, rows
			FROM %s.pg_stat_statements
			WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND calls > 0
			  AND query !~* :utility
			ORDER BY mean_exec_time DESC LIMIT :limit
			""";

	/** Statements that are not queries, even after a leading comment. */
	private static final String UTILITY = "^\\s*(/\\*.*?\\*/\\s*)?(create|alter|drop|comment|grant|revoke|vacuum|analyze"
			+ "|cluster|reindex|refresh|set|reset|show|begin|start|commit|end|rollback|savepoint|release|lock"
			+ "|truncate|listen|unlisten|notify|discard|deallocate|prepare|checkpoint|do|copy)\\M";

	private static final String STATS_SINCE = """
			/* DashboardRepository.statsSince */ SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()
			""";

	private static final String INDEX_USAGE = """
			/* DashboardRepository.indexUsage */ SELECT s.relname AS table_name, s.indexrelname AS index_name,
			  s.idx_scan, pg_relation_size(s.indexrelid) AS size_bytes, i.indisunique AS is_unique
			FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
			WHERE s.schemaname = :schema
			ORDER BY s.relname, s.indexrelname
			""";

	private static final String TABLE_SCANS = """
			/* DashboardRepository.tableScans */ SELECT relname AS table_name, seq_scan, COALESCE(idx_scan, 0) AS idx_scan,
			  n_live_tup
			FROM pg_stat_user_tables WHERE schemaname = :schema ORDER BY relname
			""";

	private static final String TABLE_STORAGE = """
			/* DashboardRepository.tableStorage */ SELECT c.relname AS table_name,
			  pg_total_relation_size(c.oid) AS total_bytes, pg_relation_size(c.oid) AS table_bytes,
			  pg_indexes_size(c.oid) AS index_bytes,
			  COALESCE(s.n_live_tup, 0) AS live_rows, COALESCE(s.n_dead_tup, 0) AS dead_rows,
			  GREATEST(s.last_vacuum, s.last_autovacuum) AS last_vacuum,
			  GREATEST(s.last_analyze, s.last_autoanalyze) AS last_analyze
			FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace
			LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
			WHERE n.nspname = :schema AND c.relkind IN ('r', 'p')
			ORDER BY total_bytes DESC, c.relname
			""";

	private static final String DATABASE_SIZE = """
			/* DashboardRepository.databaseSize */ SELECT pg_database_size(current_database()) AS size_bytes
			""";

	private static final String SERVER_SETTINGS = """
			/* DashboardRepository.serverSettings */ SELECT
			  current_setting('max_connections')::int AS max_connections,
			  current_setting('superuser_reserved_connections')::int AS reserved_connections,
			  (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend') AS client_connections,
			  current_setting('server_version') AS server_version,
			  ssl.ssl, ssl.version AS ssl_version
			FROM (SELECT 1) AS one
			LEFT JOIN pg_stat_ssl ssl ON ssl.pid = pg_backend_pid()
			""";

	// the hash is read only to compare it with the public demo password; it never leaves
	// the service
	private static final String DEMO_LOGINS = """
			/* DashboardRepository.demoLogins */ SELECT email, role::text AS role, password_hash, deleted_at
			FROM users WHERE email = ANY(:emails)
			""";

	private final DatabaseClient db;

	DashboardRepository(DatabaseClient db) {
		this.db = db;
	}

	Flux<Applied> appliedChangesets() {
		return this.db.sql(APPLIED_CHANGESETS).map(DashboardRepository::toApplied).all();
	}

	Mono<Optional<String>> pgStatStatementsSchema() {
		return this.db.sql(PG_STAT_STATEMENTS_SCHEMA)
			.map((row) -> row.get("schema_name", String.class))
			.first()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
	}

	Mono<Void> createPgStatStatements() {
		return this.db.sql(CREATE_PG_STAT_STATEMENTS).then();
	}

	Flux<TopStatement> topStatements(String extensionSchema, int limit, double slowMs) {
		return this.db.sql(TOP_STATEMENTS.formatted(quoteIdentifier(extensionSchema)))
			.bind("utility", UTILITY)
			.bind("limit", limit)
			.map((row) -> toTopStatement(row, slowMs))
			.all();
	}

	Mono<Optional<Instant>> statsSince() {
		return this.db.sql(STATS_SINCE)
			.map((row) -> Optional.ofNullable(row.get("stats_reset", Instant.class)))
			.first()
			.defaultIfEmpty(Optional.empty());
	}

	Flux<IndexesCard.IndexUsage> indexUsage(String schema) {
		return this.db.sql(INDEX_USAGE).bind("schema", schema).map(DashboardRepository::toIndexUsage).all();
	}

	Flux<IndexesCard.TableScans> tableScans(String schema) {
		return this.db.sql(TABLE_SCANS).bind("schema", schema).map(DashboardRepository::toTableScans).all();
	}

	Flux<StorageCard.TableStorage> tableStorage(String schema) {
		return this.db.sql(TABLE_STORAGE).bind("schema", schema).map(DashboardRepository::toTableStorage).all();
	}

	Mono<Long> databaseSize() {
		return this.db.sql(DATABASE_SIZE).map((row) -> row.get("size_bytes", Long.class)).one();
	}

	Mono<ServerSettings> serverSettings() {
		return this.db.sql(SERVER_SETTINGS).map(DashboardRepository::toServerSettings).one();
	}

	Flux<DemoLoginRow> demoLogins(List<String> emails) {
		return this.db.sql(DEMO_LOGINS)
			.bind("emails", emails.toArray(String[]::new))
			.map(DashboardRepository::toDemoLogin)
			.all();
	}

	/** Quotes a catalog identifier for SQL, doubling any quote inside it. */
	static String quoteIdentifier(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	private static Applied toApplied(Readable row) {
		return new Applied(row.get("id", String.class), row.get("author", String.class),
				row.get("filename", String.class), row.get("executed_at", Instant.class),
				row.get("exectype", String.class));
	}

	private static TopStatement toTopStatement(Readable row, double slowMs) {
		double mean = round(row.get("mean_exec_time", Double.class));
		return new TopStatement(row.get("query", String.class), row.get("calls", Long.class), mean,
				round(row.get("max_exec_time", Double.class)), round(row.get("total_exec_time", Double.class)),
				row.get("rows", Long.class), mean >= slowMs);
	}

	private static IndexesCard.IndexUsage toIndexUsage(Readable row) {
		long scans = row.get("idx_scan", Long.class);
		boolean unique = row.get("is_unique", Boolean.class);
		// unique indexes enforce a constraint: never scanned is no reason to drop them
		return new IndexesCard.IndexUsage(row.get("table_name", String.class), row.get("index_name", String.class),
				scans, row.get("size_bytes", Long.class), unique, scans == 0 && !unique);
	}

	private static IndexesCard.TableScans toTableScans(Readable row) {
		return new IndexesCard.TableScans(row.get("table_name", String.class), row.get("seq_scan", Long.class),
				row.get("idx_scan", Long.class), row.get("n_live_tup", Long.class));
	}

	private static StorageCard.TableStorage toTableStorage(Readable row) {
		return new StorageCard.TableStorage(row.get("table_name", String.class), row.get("total_bytes", Long.class),
				row.get("table_bytes", Long.class), row.get("index_bytes", Long.class),
				row.get("live_rows", Long.class), row.get("dead_rows", Long.class),
				row.get("last_vacuum", Instant.class), row.get("last_analyze", Instant.class));
	}

	private static ServerSettings toServerSettings(Readable row) {
		return new ServerSettings(row.get("max_connections", Integer.class),
				row.get("reserved_connections", Integer.class), row.get("client_connections", Long.class),
				row.get("server_version", String.class), row.get("ssl", Boolean.class),
				row.get("ssl_version", String.class));
	}

	private static DemoLoginRow toDemoLogin(Readable row) {
		return new DemoLoginRow(row.get("email", String.class), row.get("role", String.class),
				row.get("password_hash", String.class), row.get("deleted_at", Instant.class) != null);
	}

	private static double round(Double millis) {
		return (millis != null) ? Math.round(millis * 10) / 10.0 : 0;
	}

	/**
	 * Server settings that the configuration card compares with ours.
	 *
	 * @param ssl whether this connection is encrypted; null when pg_stat_ssl has no row
	 * for it
	 */
	record ServerSettings(int maxConnections, int reservedConnections, long clientConnections, String serverVersion,
			Boolean ssl, String sslVersion) {
	}

	/** A demo login as stored; {@code passwordHash} stays inside the seed check. */
	record DemoLoginRow(String email, String role, String passwordHash, boolean deleted) {
	}

}
