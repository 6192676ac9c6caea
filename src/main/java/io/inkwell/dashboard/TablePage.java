package io.inkwell.dashboard;

import java.util.List;

/**
 * One page of a table's rows, in primary-key order. Values are text, cut at
 * {@value TableBrowserRepository#MAX_VALUE} characters (marked with "…"); masked columns
 * show {@value TableBrowserRepository#MASK} whenever they hold a value.
 *
 * @param page 1-based
 * @param hasMore another page follows
 */
record TablePage(String table, List<TableColumn> columns, int page, int pageSize, boolean hasMore, long estimatedRows,
		boolean softDelete, List<Row> rows) {

	/**
	 * @param deleted soft-deleted ({@code deleted_at} is set)
	 * @param values one per column, in column order; null for SQL NULL
	 */
	record Row(boolean deleted, List<String> values) {
	}

}
