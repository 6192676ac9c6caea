package io.inkwell.comment;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.inkwell.db.Cursor;
import io.inkwell.db.Ids;
import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemException.FieldError;
import io.inkwell.web.ProblemType;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Rules of the comment feature: comments hang off live posts and are written by live users;
 * deleting one is a soft delete. Every write is one statement, so none needs a transaction.
 */
@Service
class CommentService {

	/** Page size when the client names none. */
	static final int DEFAULT_LIMIT = 20;

	/** Largest page; larger requests are capped to it. */
	static final int MAX_LIMIT = 100;

	private final CommentRepository comments;

	CommentService(CommentRepository comments) {
		this.comments = comments;
	}

	/**
	 * A page of a live post's comments, oldest first, with their authors: three statements
	 * whatever the page size (the post's existence, the page, the page's authors).
	 */
	Mono<CommentPage> page(UUID postId, String cursor, int limit) {
		Key after = (cursor != null) ? decodeCursor(cursor) : null;
		return this.comments.postIsLive(postId)
			.flatMap((live) -> live ? Mono.just(postId) : Mono.error(ProblemException.notFound("post", postId)))
			// one row more than asked tells whether another page exists without a COUNT
			.flatMap((id) -> this.comments
				.findPage(id, (after != null) ? after.createdAt() : null, (after != null) ? after.id() : null,
						limit + 1)
				.collectList())
			.flatMap((rows) -> {
				boolean more = rows.size() > limit;
				List<Comment> page = more ? rows.subList(0, limit) : rows;
				String next = more ? encodeCursor(page.get(page.size() - 1)) : null;
				if (page.isEmpty()) {
					return Mono.just(new CommentPage(List.of(), null));
				}
				Set<UUID> authorIds = new LinkedHashSet<>();
				page.forEach((comment) -> authorIds.add(comment.authorId()));
				return this.comments.findLiveAuthors(authorIds)
					.collectMap(CommentAuthor::id)
					.map((authors) -> new CommentPage(stitch(page, authors), next));
			});
	}

	Mono<CommentResponse> find(UUID id) {
		return this.comments.findLiveById(id).switchIfEmpty(Mono.error(() -> ProblemException.notFound("comment", id)));
	}

	/**
	 * Writes the comment when both the post and the author are live; otherwise a second statement
	 * tells which one was missing: the post is the addressed resource (404), the author a
	 * reference in the body (422).
	 */
	Mono<CommentResponse> create(UUID postId, CreateCommentRequest request) {
		return this.comments.insert(Ids.next(), postId, request.authorId(), request.content())
			.switchIfEmpty(Mono.defer(() -> this.comments.references(postId, request.authorId())
				.flatMap((references) -> Mono.error(references.postLive() ? unknownAuthor(request.authorId())
						: ProblemException.notFound("post", postId)))));
	}

	Mono<CommentResponse> update(UUID id, UpdateCommentRequest request) {
		return this.comments.updateContent(id, request.content())
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("comment", id)));
	}

	Mono<Void> softDelete(UUID id) {
		return this.comments.softDelete(id)
			.flatMap((deleted) -> deleted ? Mono.<Void>empty() : Mono.error(ProblemException.notFound("comment", id)));
	}

	private static List<CommentResponse> stitch(List<Comment> page, Map<UUID, CommentAuthor> authors) {
		return page.stream().map((comment) -> CommentResponse.of(comment, authors.get(comment.authorId()))).toList();
	}

	private static ProblemException unknownAuthor(UUID authorId) {
		return new ProblemException(ProblemType.UNKNOWN_REFERENCE,
				"authorId " + authorId + " refers to no live user",
				List.of(new FieldError("authorId", "does not exist")));
	}

	private static String encodeCursor(Comment last) {
		return Cursor.encode(List.of(last.createdAt().toString(), last.id().toString()));
	}

	private static Key decodeCursor(String cursor) {
		try {
			List<String> parts = Cursor.decode(cursor, 2);
			UUID id = Ids.parseOrNull(parts.get(1));
			if (id != null) {
				return new Key(Instant.parse(parts.get(0)), id);
			}
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			// fall through: the client gets one message whatever was wrong with it
		}
		throw ProblemException.invalidParameter("cursor", "is not a cursor this server issued");
	}

	/** The sort key of the last comment of a page. */
	private record Key(Instant createdAt, UUID id) {
	}

}
