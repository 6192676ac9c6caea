package io.inkwell.transfer;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of the {@code transfers} ledger: credits moved from one user to another
 * ({@code TRANSFER}), granted by an ADMIN ({@code GRANT}, no sender) or a user's opening
 * balance ({@code OPENING}, no sender).
 */
record Transfer(UUID id, UUID fromUserId, UUID toUserId, long amount, String kind, String reason, Instant createdAt) {

	static final String TRANSFER = "TRANSFER";

	static final String GRANT = "GRANT";

}
