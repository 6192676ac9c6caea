package io.inkwell.transfer;

import java.util.List;

/**
 * One page of a user's ledger, newest first; {@code nextCursor} is null on the last page.
 */
record LedgerPage(List<LedgerEntry> data, String nextCursor) {
}
