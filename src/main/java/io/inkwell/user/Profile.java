package io.inkwell.user;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code profiles}: at most one per user. */
record Profile(UUID id, UUID userId, String bio, String avatar, int postCount, Instant createdAt, Instant updatedAt) {
}
