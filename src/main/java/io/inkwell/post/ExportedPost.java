package io.inkwell.post;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the posts export; {@code publishedAt} is null for posts never published.
 */
record ExportedPost(UUID id, String title, String status, Instant publishedAt, UUID authorId, Instant createdAt) {
}
