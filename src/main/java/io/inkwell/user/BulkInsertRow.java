package io.inkwell.user;

import java.util.UUID;

/**
 * One result row of the all-or-none bulk insert: either the id of a written user or the
 * zero-based request position of an e-mail that is already taken.
 */
record BulkInsertRow(UUID createdId, Long takenIndex) {
}
