package io.inkwell.post;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PATCH /api/posts/{id}}: every field optional, {@code null} means
 * unchanged.
 */
record UpdatePostRequest(
		@Size(min = 1, max = 300) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String title,
		@Size(max = 100_000) String body, PostStatus status) {
}
