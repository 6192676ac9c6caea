package io.inkwell.dashboard;

import java.util.List;

/**
 * A table of the application's schema, as read from the catalog; the data browser's
 * whitelist.
 *
 * @param primaryKey the key's columns in key order; rows are paged in this order
 * @param softDelete the table has {@code deleted_at}: rows with a value there are marked
 * deleted
 * @param estimatedRows PostgreSQL's live-row estimate, not a count
 */
record TableSummary(String name, List<TableColumn> columns, List<String> primaryKey, boolean softDelete,
		long estimatedRows) {
}
