package io.inkwell.user;

import io.inkwell.security.Role;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/users}; {@code role} defaults to USER, {@code profile} is
 * optional.
 */
record CreateUserRequest(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 200) String name,
		Role role, @Valid ProfileRequest profile) {
}
