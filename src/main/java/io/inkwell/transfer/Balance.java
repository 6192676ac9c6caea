package io.inkwell.transfer;

import java.util.UUID;

/** A live user's credits, read under a row lock inside the transfer's transaction. */
record Balance(UUID userId, long credits) {
}
