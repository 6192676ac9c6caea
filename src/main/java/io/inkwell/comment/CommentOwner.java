package io.inkwell.comment;

import java.util.UUID;

/** Who wrote a live comment, and who wrote its post and whether that post is a draft. */
record CommentOwner(UUID authorId, UUID postAuthorId, boolean postIsDraft) {
}
