package io.inkwell.user;

import java.time.Instant;
import java.util.UUID;

import io.inkwell.security.Role;

/** The public shape of a user (DESIGN.md fixes it for {@code GET /api/users/{id}}). */
record UserResponse(UUID id, String email, String name, Role role, Instant createdAt, Instant updatedAt) {

	static UserResponse of(User user) {
		return new UserResponse(user.id(), user.email(), user.name(), user.role(), user.createdAt(), user.updatedAt());
	}

}
