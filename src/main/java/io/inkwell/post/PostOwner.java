package io.inkwell.post;

import java.util.UUID;

/**
 * Who wrote a post, whether others can see it and who moderated it, for the ownership
 * checks (soft-deleted rows too).
 *
 * @param moderatedBy the MODERATOR or ADMIN who archived or deleted the post, or null
 */
record PostOwner(UUID authorId, PostStatus status, boolean deleted, UUID moderatedBy) {

	/**
	 * Drafts and soft-deleted posts are hidden from everyone but their author (and
	 * ADMINs).
	 */
	boolean hiddenFromOthers() {
		return this.deleted || this.status == PostStatus.DRAFT;
	}

}
