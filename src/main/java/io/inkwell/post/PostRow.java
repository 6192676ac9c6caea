package io.inkwell.post;

/**
 * One row of a list query: the post, its author when the query joined {@code users} (null
 * when not asked for, or when the author is soft-deleted), and the full-text rank when
 * the list is sorted by relevance (the cursor needs it).
 */
record PostRow(Post post, AuthorSummary author, Float rank) {
}
