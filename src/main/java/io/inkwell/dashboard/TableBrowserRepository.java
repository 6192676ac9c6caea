package io.inkwell.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The data browser's SQL. Identifiers cannot be bound, so the page query is built — but
 * only from names read from the catalog by {@link #tables}, each quoted; a name a client
 * sends is only ever compared with that list (in {@link TableBrowserService}), never put
 * into SQL.
 */
@Repository
class TableBrowserRepository {

	static final int MAX_VALUE = 200;

	static final String MASK = "****";

	/**
	 * Columns whose values never leave the database: password hashes, secrets, tokens.
	 */
	private static final Pattern MASKED = Pattern.compile("(?i).*(password|secret|token|_hash$).*");

	// Straight from pg_catalog: information_schema's key views take hundreds of
	// milliseconds.
	// format_type gives the names information_schema.columns shows, with enums and arrays
	// by
	// their own names. Liquibase's own tables are on the migrations card.
	private static final String COLUMNS = """
			/* TableBrowserRepository.columns */ SELECT c.relname AS table_name, a.attname AS column_name,
			  format_type(a.atttypid, a.atttypmod) AS data_type, NOT a.attnotnull AS nullable,
			  array_position(pk.indkey::int2[], a.attnum) AS pk_position,
			  COALESCE(s.n_live_tup, 0) AS estimated_rows
			FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace
			JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
			LEFT JOIN pg_index pk ON pk.indrelid = c.oid AND pk.indisprimary
			LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
			WHERE n.nspname = :schema AND c.relkind IN ('r', 'p')
			  AND c.relname NOT IN ('databasechangelog', 'databasechangeloglock')
			  AND has_table_privilege(c.oid, 'SELECT')
			ORDER BY c.relname, a.attnum
			""";

	// %1$s: value expressions, %2$s: quoted schema.table, %3$s: quoted key columns — all
	// from the catalog
	private static final String PAGE = """
			/* TableBrowserRepository.page */ SELECT %1$s FROM %2$s ORDER BY %3$s LIMIT :limit OFFSET :offset
			""";

	private final DatabaseClient db;

	TableBrowserRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Every table of the schema with its columns, by name. */
	Mono<List<TableSummary>> tables(String schema) {
		return this.db.sql(COLUMNS).bind("schema", schema).map(CatalogRow::of).all().collectList().map((rows) -> {
			Map<String, List<CatalogRow>> byTable = rows.stream()
				.collect(Collectors.groupingBy(CatalogRow::table, LinkedHashMap::new, Collectors.toList()));
			List<TableSummary> tables = new ArrayList<>();
			byTable.forEach((table, columns) -> tables.add(summary(table, columns)));
			return tables;
		});
	}

	/** Rows {@code offset + 1 ..} of a table from {@link #tables}, each value as text. */
	Flux<List<String>> page(String schema, TableSummary table, long offset, int limit) {
		String values = table.columns()
			.stream()
			.map((column) -> column.masked()
					? "CASE WHEN %1$s IS NULL THEN NULL ELSE '%2$s' END".formatted(quote(column.name()), MASK)
					: "left(CAST(%s AS text), %d)".formatted(quote(column.name()), MAX_VALUE + 1))
			.collect(Collectors.joining(", "));
		// a table without a key still pages stably enough for browsing by its physical
		// order
		String order = table.primaryKey().isEmpty() ? "ctid"
				: table.primaryKey().stream().map(TableBrowserRepository::quote).collect(Collectors.joining(", "));
		String sql = PAGE.formatted(values, quote(schema) + "." + quote(table.name()), order);
		int width = table.columns().size();
		return this.db.sql(sql).bind("limit", limit).bind("offset", offset).map((row) -> {
			List<String> cells = new ArrayList<>(width);
			for (int i = 0; i < width; i++) {
				cells.add(cut(row.get(i, String.class)));
			}
			return cells;
		}).all();
	}

	private static TableSummary summary(String table, List<CatalogRow> rows) {
		List<TableColumn> columns = rows.stream()
			.map((row) -> new TableColumn(row.column(), row.type(), row.nullable(), row.keyPosition() != null,
					MASKED.matcher(row.column()).matches()))
			.toList();
		List<String> key = rows.stream()
			.filter((row) -> row.keyPosition() != null)
			.sorted((a, b) -> Integer.compare(a.keyPosition(), b.keyPosition()))
			.map(CatalogRow::column)
			.toList();
		boolean softDelete = rows.stream().anyMatch((row) -> row.column().equals("deleted_at"));
		return new TableSummary(table, columns, key, softDelete, rows.get(0).estimatedRows());
	}

	private static String cut(String value) {
		return (value != null && value.length() > MAX_VALUE) ? value.substring(0, MAX_VALUE) + "…" : value;
	}

	static String quote(String identifier) {
		return DashboardRepository.quoteIdentifier(identifier);
	}

	private record CatalogRow(String table, String column, String type, boolean nullable, Integer keyPosition,
			long estimatedRows) {

		static CatalogRow of(Readable row) {
			return new CatalogRow(row.get("table_name", String.class), row.get("column_name", String.class),
					row.get("data_type", String.class), row.get("nullable", Boolean.class),
					row.get("pk_position", Integer.class), row.get("estimated_rows", Long.class));
		}

	}

}
