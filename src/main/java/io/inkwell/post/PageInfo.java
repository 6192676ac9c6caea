package io.inkwell.post;

/**
 * Offset-paging metadata: {@code number} is 1-based; {@code totalPages} is 0 when nothing
 * matches. The count stops at {@link PostService#COUNT_CAP}: when more posts match,
 * {@code totalExact} is false and {@code totalElements} (and {@code totalPages}) are
 * lower bounds ("at least").
 */
record PageInfo(long number, int size, long totalElements, long totalPages, boolean totalExact) {
}
