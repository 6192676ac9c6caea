package io.inkwell.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * Size on disk and live/dead rows of the application's tables. Dead rows are what UPDATE
 * and DELETE leave behind until (auto)vacuum reclaims them.
 *
 * @param databaseBytes the whole database
 * @param tables largest first
 */
record StorageCard(CardState state, String reason, long databaseBytes, List<TableStorage> tables) implements Card {

	/**
	 * @param totalBytes table, indexes and TOAST
	 * @param deadRatio dead / (live + dead); 0 for an empty table
	 * @param lastVacuum latest manual or automatic vacuum, or null
	 * @param lastAnalyze latest manual or automatic analyze, or null
	 */
	record TableStorage(String table, long totalBytes, long tableBytes, long indexBytes, long liveRows, long deadRows,
			double deadRatio, Instant lastVacuum, Instant lastAnalyze) {

		TableStorage(String table, long totalBytes, long tableBytes, long indexBytes, long liveRows, long deadRows,
				Instant lastVacuum, Instant lastAnalyze) {
			this(table, totalBytes, tableBytes, indexBytes, liveRows, deadRows,
					(liveRows + deadRows > 0) ? Math.round(1000.0 * deadRows / (liveRows + deadRows)) / 1000.0 : 0,
					lastVacuum, lastAnalyze);
		}

	}

}
