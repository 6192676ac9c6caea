package io.inkwell.post;

import java.util.List;

/**
 * A post with the relations a request included; a relation that was not asked for is null
 * (an included author is also null when that user is soft-deleted).
 */
record PostView(Post post, AuthorSummary author, List<CategorySummary> categories, Long commentCount) {

	static PostView of(Post post) {
		return new PostView(post, null, null, null);
	}

}
