package io.inkwell.comment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PATCH /api/comments/{id}}: the content is the only thing a comment lets
 * change.
 */
record UpdateCommentRequest(@NotBlank @Size(max = 10000) String content) {
}
