package io.inkwell.post;

import java.util.UUID;

/**
 * The author of a post as {@code include=author} writes it: public fields only (the
 * e-mail is personal data and stays out).
 */
record AuthorSummary(UUID id, String name) {
}
