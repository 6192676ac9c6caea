package io.inkwell.dashboard;

import java.time.Instant;

/**
 * The last backup, as recorded by the backup job in the marker file.
 *
 * @param markerFile {@code inkwell.ops.backup-marker-file}, or null when not configured
 * @param lastBackup when the last backup finished, or null when unknown
 * @param ageSeconds seconds since then, or null when unknown
 */
record BackupCard(CardState state, String reason, String markerFile, Instant lastBackup,
		Long ageSeconds) implements Card {
}
