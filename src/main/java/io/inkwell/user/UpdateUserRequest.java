package io.inkwell.user;

import io.inkwell.security.Role;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PATCH /api/users/{id}}: every field optional, {@code null} means
 * unchanged.
 */
record UpdateUserRequest(@Email @Size(min = 3, max = 320) String email,
		@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name, Role role,
		@Valid ProfileRequest profile) {
}
