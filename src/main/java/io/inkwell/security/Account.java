package io.inkwell.security;

import java.time.Instant;
import java.util.UUID;

/**
 * The caller's own account: the private view of {@code GET /api/users/{id}}
 * ({@code id, email, name, role, credits, createdAt, updatedAt}); only the account's user
 * sees it.
 */
record Account(UUID id, String email, String name, Role role, long credits, Instant createdAt, Instant updatedAt) {
}
