package io.inkwell.transfer;

import java.time.Instant;
import java.util.UUID;

/**
 * A ledger row seen from one user: {@code IN} (credits received, granted or opening) or
 * {@code OUT} (credits sent); {@code counterpartyId} is the other user of a transfer,
 * null for a grant or an opening balance.
 */
record LedgerEntry(UUID id, String kind, String direction, UUID counterpartyId, long amount, String reason,
		Instant createdAt) {

	static LedgerEntry of(Transfer transfer, UUID userId) {
		boolean out = userId.equals(transfer.fromUserId());
		return new LedgerEntry(transfer.id(), transfer.kind(), out ? "OUT" : "IN",
				out ? transfer.toUserId() : transfer.fromUserId(), transfer.amount(), transfer.reason(),
				transfer.createdAt());
	}

}
