package io.inkwell.dashboard;

import java.util.List;

/**
 * Execution time of every named SQL statement this instance ran since it started, from
 * the {@code inkwell.db.query} timers; slowest 95th percentile first.
 *
 * @param thresholdMs {@code inkwell.db.slow-query-threshold}
 */
record QueriesCard(CardState state, String reason, double thresholdMs, List<QueryLatency> queries) implements Card {

	/** One statement name and its timings. */
	record QueryLatency(String name, Latency latency) {
	}

}
