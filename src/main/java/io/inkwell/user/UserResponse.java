package io.inkwell.user;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.inkwell.security.Actor;
import io.inkwell.security.Role;

/**
 * A user as the API writes it. {@code email} and {@code credits} are personal: only the
 * user themself and ADMINs see them (the private view); the public view omits both keys.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UserResponse(UUID id, String email, String name, Role role, Long credits, Instant createdAt, Instant updatedAt) {

	/** The private view: for the user themself or an ADMIN. */
	static UserResponse of(User user) {
		return new UserResponse(user.id(), user.email(), user.name(), user.role(), user.credits(), user.createdAt(),
				user.updatedAt());
	}

	/** The public view: no e-mail, no credits. */
	static UserResponse publicOf(User user) {
		return new UserResponse(user.id(), null, user.name(), user.role(), null, user.createdAt(), user.updatedAt());
	}

	/**
	 * The private view when {@code viewer} is the user or an ADMIN, else the public one.
	 */
	static UserResponse of(User user, Actor viewer) {
		return viewer.isSelfOrAdmin(user.id()) ? of(user) : publicOf(user);
	}

}
