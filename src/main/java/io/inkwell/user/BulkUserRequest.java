package io.inkwell.user;

import io.inkwell.security.Role;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** One user of a bulk create; {@code role} defaults to USER. */
record BulkUserRequest(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 200) String name,
		Role role) {
}
