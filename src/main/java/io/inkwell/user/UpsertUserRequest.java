package io.inkwell.user;

import io.inkwell.security.Role;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/users/by-email/{email}}; an absent {@code role} is USER on
 * create and unchanged on update.
 */
record UpsertUserRequest(@NotBlank @Size(max = 200) String name, Role role) {
}
