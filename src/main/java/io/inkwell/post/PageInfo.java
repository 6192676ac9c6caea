package io.inkwell.post;

/**
 * Offset-paging metadata: {@code number} is 1-based; {@code totalPages} is 0 when nothing
 * matches.
 */
record PageInfo(long number, int size, long totalElements, long totalPages) {
}
