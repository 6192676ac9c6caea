package io.inkwell.post;

/** Answer of the bulk operations: how many posts changed. */
record CountResponse(long count) {
}
