package io.inkwell.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * How the application's indexes and tables are read, from {@code pg_stat_user_indexes}
 * and {@code pg_stat_user_tables}, counted since the statistics were last reset.
 *
 * @param statsSince when the statistics were reset, or null when never
 * @param indexes every index of the application's schema
 * @param unused indexes never scanned that enforce no constraint: candidates for removal
 * @param tables sequential versus index scans per table
 */
record IndexesCard(CardState state, String reason, Instant statsSince, List<IndexUsage> indexes,
		List<IndexUsage> unused, List<TableScans> tables) implements Card {

	/**
	 * Tables with fewer live rows are cheap to scan whole; their sequential scans are
	 * fine.
	 */
	static final long SEQ_SCAN_MIN_ROWS = 10_000;

	/**
	 * @param unused never scanned and not unique
	 */
	record IndexUsage(String table, String index, long scans, long sizeBytes, boolean unique, boolean unused) {
	}

	/**
	 * @param seqScanHeavy a table of at least {@value #SEQ_SCAN_MIN_ROWS} rows read more
	 * often whole than through an index
	 */
	record TableScans(String table, long seqScans, long idxScans, long liveRows, boolean seqScanHeavy) {

		TableScans(String table, long seqScans, long idxScans, long liveRows) {
			this(table, seqScans, idxScans, liveRows, liveRows >= SEQ_SCAN_MIN_ROWS && seqScans > idxScans);
		}

	}

}
