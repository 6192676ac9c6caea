package io.inkwell.transfer;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Body of {@code POST /api/transfers}. {@code amount} is a whole number of credits
 * (strictly read: {@code 1.5} is refused, not truncated); the upper bound keeps a typo
 * from draining an account and sums far from {@code bigint} overflow.
 */
record TransferRequest(@NotNull UUID fromUserId, @NotNull UUID toUserId,
		@NotNull @Positive @Max(TransferRequest.MAX_AMOUNT) @JsonDeserialize(
				using = WholeNumberDeserializer.class) Long amount) {

	/** The largest amount one transfer may move. */
	static final long MAX_AMOUNT = 1_000_000_000L;

}
