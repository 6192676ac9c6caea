package io.inkwell.post;

import java.time.Instant;
import java.util.UUID;

/**
 * A live row of {@code posts}. {@code body} is null when the query did not select it
 * (lists leave it out unless {@code fields} asks for it); {@code publishedAt} is null
 * until the post is first published and then kept, also when it goes back to DRAFT or
 * ARCHIVED.
 */
record Post(UUID id, UUID authorId, String title, String body, PostStatus status, Instant publishedAt,
		Instant createdAt, Instant updatedAt) {
}
