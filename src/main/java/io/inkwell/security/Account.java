package io.inkwell.security;

import java.time.Instant;
import java.util.UUID;

/**
 * A user as authentication sees it: the public fields of {@code GET /api/users/{id}}
 * ({@code id, email, name, role, createdAt, updatedAt}).
 */
record Account(UUID id, String email, String name, Role role, Instant createdAt, Instant updatedAt) {
}
