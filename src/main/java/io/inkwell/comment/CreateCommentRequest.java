package io.inkwell.comment;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/posts/{postId}/comments}; {@code authorId} defaults to the
 * caller.
 */
record CreateCommentRequest(UUID authorId, @NotBlank @Size(max = 10000) String content) {
}
