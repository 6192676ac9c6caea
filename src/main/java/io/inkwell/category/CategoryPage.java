package io.inkwell.category;

import java.util.List;

/** One page of categories; {@code nextCursor} is null on the last page. */
record CategoryPage(List<Category> data, String nextCursor) {
}
