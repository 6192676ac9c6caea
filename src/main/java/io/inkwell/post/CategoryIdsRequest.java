package io.inkwell.post;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of connect ({@code POST}) and set ({@code PUT}) on
 * {@code /api/posts/{id}/categories}.
 */
record CategoryIdsRequest(@NotNull @Size(max = PostService.MAX_CATEGORIES) List<@NotNull UUID> categoryIds) {
}
