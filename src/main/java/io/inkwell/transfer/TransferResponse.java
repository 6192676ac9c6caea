package io.inkwell.transfer;

import java.time.Instant;
import java.util.UUID;

/**
 * A ledger row as the API shows it; {@code fromUserId} is null for a grant or an opening
 * balance, {@code reason} is set for grants only.
 */
record TransferResponse(UUID id, String kind, UUID fromUserId, UUID toUserId, long amount, String reason,
		Instant createdAt) {

	static TransferResponse of(Transfer transfer) {
		return new TransferResponse(transfer.id(), transfer.kind(), transfer.fromUserId(), transfer.toUserId(),
				transfer.amount(), transfer.reason(), transfer.createdAt());
	}

}
