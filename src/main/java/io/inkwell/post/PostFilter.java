package io.inkwell.post;

import java.time.Instant;
import java.util.UUID;

/**
 * The list filters; null means "not filtered". {@code q} is a case-insensitive substring of title
 * or body, {@code search} a web-search-style full-text query; {@code publishedFrom} is inclusive,
 * {@code publishedTo} exclusive.
 */
record PostFilter(PostStatus status, UUID authorId, UUID categoryId, String q, String search,
		Instant publishedFrom, Instant publishedTo) {
}
