package io.inkwell.dashboard;

import java.util.List;

/**
 * The tables the data browser may show, in the list envelope; never more than one page.
 */
record TableList(List<TableSummary> data, String nextCursor) {
}
