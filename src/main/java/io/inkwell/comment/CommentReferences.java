package io.inkwell.comment;

/** Whether the post and the author a new comment names exist and are not soft-deleted. */
record CommentReferences(boolean postLive, boolean authorLive) {
}
