package io.inkwell.post;

import java.util.UUID;

/**
 * Who wrote a post and whether others can see it, for the ownership checks (soft-deleted
 * rows too).
 */
record PostOwner(UUID authorId, PostStatus status, boolean deleted) {

	/**
	 * Drafts and soft-deleted posts are hidden from everyone but their author (and
	 * ADMINs).
	 */
	boolean hiddenFromOthers() {
		return this.deleted || this.status == PostStatus.DRAFT;
	}

}
