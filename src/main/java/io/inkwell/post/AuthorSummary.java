package io.inkwell.post;

import java.util.UUID;

/**
 * The author of a post as {@code include=author} writes it (DESIGN.md fixes the three
 * fields).
 */
record AuthorSummary(UUID id, String email, String name) {
}
