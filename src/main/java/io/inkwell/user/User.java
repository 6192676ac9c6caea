package io.inkwell.user;

import java.time.Instant;
import java.util.UUID;

import io.inkwell.security.Role;

/** A row of {@code users}; {@code deletedAt} is set when the user is soft-deleted. */
record User(UUID id, String email, String name, Role role, long credits, Instant createdAt, Instant updatedAt,
		Instant deletedAt) {
}
