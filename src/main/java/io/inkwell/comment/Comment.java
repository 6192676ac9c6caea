package io.inkwell.comment;

import java.time.Instant;
import java.util.UUID;

/** A live row of {@code comments} (soft-deleted rows are never read). */
record Comment(UUID id, UUID postId, UUID authorId, String content, Instant createdAt, Instant updatedAt) {
}
