package io.inkwell.post;

import java.time.Instant;
import java.util.UUID;

import io.inkwell.security.Actor;

/**
 * The list filters; null means "not filtered". {@code q} is a case-insensitive substring
 * of title or body, {@code search} a web-search-style full-text query;
 * {@code publishedFrom} is inclusive, {@code publishedTo} exclusive. Drafts are listed
 * only as the caller may see them: all of them ({@code allDrafts}, ADMINs), those of
 * {@code draftsOf} (their author), or none (anonymous).
 */
record PostFilter(PostStatus status, UUID authorId, UUID categoryId, String q, String search, Instant publishedFrom,
		Instant publishedTo, boolean allDrafts, UUID draftsOf) {

	/**
	 * The filters of a request, seeing no drafts until {@link #visibleTo} says otherwise.
	 */
	PostFilter(PostStatus status, UUID authorId, UUID categoryId, String q, String search, Instant publishedFrom,
			Instant publishedTo) {
		this(status, authorId, categoryId, q, search, publishedFrom, publishedTo, false, null);
	}

	/** These filters for {@code actor}: ADMINs see every draft, a user their own. */
	PostFilter visibleTo(Actor actor) {
		return new PostFilter(this.status, this.authorId, this.categoryId, this.q, this.search, this.publishedFrom,
				this.publishedTo, actor.isAdmin(), actor.id());
	}

	/** Whether the list must leave out drafts the caller may not see. */
	boolean restrictsDrafts() {
		return !this.allDrafts && this.status != PostStatus.PUBLISHED && this.status != PostStatus.ARCHIVED;
	}

}
