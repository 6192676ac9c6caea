package io.inkwell.transfer;

import java.time.Instant;
import java.util.UUID;

record TransferResponse(UUID id, UUID fromUserId, UUID toUserId, long amount, Instant createdAt) {

	static TransferResponse of(Transfer transfer) {
		return new TransferResponse(transfer.id(), transfer.fromUserId(), transfer.toUserId(), transfer.amount(),
				transfer.createdAt());
	}

}
