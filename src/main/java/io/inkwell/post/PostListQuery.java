package io.inkwell.post;

/**
 * A list request. Offset mode when {@code page} is set (1-based, {@code size} rows a
 * page); otherwise cursor mode, {@code size} being the limit and {@code cursor} the
 * position (null for the first page).
 */
record PostListQuery(PostFilter filter, PostSort sort, PostShape shape, int size, String cursor, Integer page) {
}
