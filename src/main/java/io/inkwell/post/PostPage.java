package io.inkwell.post;

import java.util.List;

/**
 * One page of posts: {@code nextCursor} in cursor mode (null on the last page),
 * {@code page} in offset mode (null in cursor mode).
 */
record PostPage(List<PostView> data, String nextCursor, PageInfo page) {
}
