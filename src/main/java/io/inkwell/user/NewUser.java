package io.inkwell.user;

import java.util.UUID;

import io.inkwell.security.Role;

/**
 * A user row to insert, already normalised (e-mail lower-cased, name stripped, role set).
 */
record NewUser(UUID id, String email, String name, Role role) {
}
