package io.inkwell.transfer;

import java.time.Instant;
import java.util.UUID;

/** A row of the {@code transfers} ledger: credits moved from one user to another. */
record Transfer(UUID id, UUID fromUserId, UUID toUserId, long amount, Instant createdAt) {
}
