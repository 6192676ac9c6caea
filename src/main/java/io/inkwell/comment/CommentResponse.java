package io.inkwell.comment;

import java.time.Instant;
import java.util.UUID;

/**
 * The public shape of a comment; {@code author} is null when the author has been
 * soft-deleted (the comment stays, {@code authorId} still says who wrote it).
 */
record CommentResponse(UUID id, UUID postId, UUID authorId, String content, Instant createdAt, Instant updatedAt,
		CommentAuthor author) {

	static CommentResponse of(Comment comment, CommentAuthor author) {
		return new CommentResponse(comment.id(), comment.postId(), comment.authorId(), comment.content(),
				comment.createdAt(), comment.updatedAt(), author);
	}

}
