package io.inkwell.dashboard;

import java.util.List;

import io.inkwell.ops.SlowQueryLog.SlowStatement;

/**
 * Slow statements: the database-wide view of {@code pg_stat_statements} when the
 * extension is available, and this instance's own recent slow statements always.
 *
 * @param thresholdMs {@code inkwell.db.slow-query-threshold}
 * @param source {@code pg_stat_statements} or {@code application} (the ring buffer only)
 * @param pgStatStatements the extension's slowest statements by mean time, or why there
 * are none
 * @param recent this instance's slow statements, newest first
 */
record SlowQueriesCard(CardState state, String reason, double thresholdMs, String source,
		PgStatStatements pgStatStatements, List<SlowStatement> recent) implements Card {

	/**
	 * @param available whether the extension could be read
	 * @param note why it is not available, or null
	 * @param statements slowest by mean execution time (normalised text: constants are
	 * {@code $n})
	 */
	record PgStatStatements(boolean available, String note, List<TopStatement> statements) {
	}

	/** One normalised statement of pg_stat_statements; times in milliseconds. */
	record TopStatement(String query, long calls, double meanMs, double maxMs, double totalMs, long rows,
			boolean slow) {
	}

}
