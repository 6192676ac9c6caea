package io.inkwell.transfer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Body of {@code POST /api/users/{id}/credits}: whole credits, bounded like a transfer,
 * and why they are granted (kept in the ledger).
 */
record GrantRequest(@NotNull @Positive @Max(TransferRequest.MAX_AMOUNT) @JsonDeserialize(
		using = WholeNumberDeserializer.class) Long amount, @NotBlank @Size(max = 500) String reason) {
}
