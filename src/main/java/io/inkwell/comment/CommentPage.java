package io.inkwell.comment;

import java.util.List;

/**
 * One page of a post's comments, oldest first; {@code nextCursor} is null on the last
 * page.
 */
record CommentPage(List<CommentResponse> data, String nextCursor) {
}
