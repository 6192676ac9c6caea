package io.inkwell.post;

import java.util.UUID;

/** A category of a post as {@code include=categories} writes it. */
record CategorySummary(UUID id, String name) {
}
