package io.inkwell.user;

import java.util.List;

/** One page of users; {@code nextCursor} is null on the last page. */
record UserPage(List<UserResponse> data, String nextCursor) {
}
