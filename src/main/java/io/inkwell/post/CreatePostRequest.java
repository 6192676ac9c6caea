package io.inkwell.post;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/posts}: {@code authorId} defaults to the caller,
 * {@code status} to DRAFT, {@code body} to empty, {@code categoryIds} to none. Sizes
 * mirror the checks of the posts table.
 */
record CreatePostRequest(UUID authorId, @NotBlank @Size(max = 300) String title, @Size(max = 100_000) String body,
		PostStatus status, @Size(max = PostService.MAX_CATEGORIES) List<@NotNull UUID> categoryIds) {
}
