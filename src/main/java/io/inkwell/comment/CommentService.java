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
import io.inkwell.security.Actor;
import io.inkwell.web.IfMatch;
import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemException.FieldError;
import io.inkwell.web.ProblemType;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Rules of the comment feature: comments hang off live posts and are written by live
 * users; deleting one is a soft delete. Every write is one statement, so none needs a
 * transaction. A draft's comments are seen only by those who see the draft (its author,
 * ADMINs). A comment is written in the caller's own name (ADMINs may name anyone),
 * changed by its author or an ADMIN, and deleted by its author, a MODERATOR or an ADMIN.
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
	 * A page of a live post's comments, oldest first, with their authors: three
	 * statements whatever the page size (the post's existence, the page, the page's
	 * authors).
	 */
	Mono<CommentPage> page(Actor actor, UUID postId, String cursor, int limit) {
		Key after = (cursor != null) ? decodeCursor(cursor) : null;
		return this.comments.postIsLive(postId, actor.id(), actor.isAdmin())
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

	Mono<CommentResponse> find(Actor actor, UUID id) {
		return this.comments.findLiveById(id, actor.id(), actor.isAdmin())
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("comment", id)));
	}

	/**
	 * Writes the comment when both the post and the author are live; otherwise a second
	 * statement tells which one was missing: the post is the addressed resource (404),
	 * the author a reference in the body (422). Without {@code authorId} the caller is
	 * the author; naming someone else takes an ADMIN.
	 */
	Mono<CommentResponse> create(Actor actor, UUID postId, CreateCommentRequest request) {
		// the route needs a token, so the caller is a user
		UUID authorId = (request.authorId() != null) ? request.authorId() : actor.id();
		if (!actor.isSelfOrAdmin(authorId)) {
			return Mono.error(Actor.forbidden("comment in another user's name (authorId)"));
		}
		return this.comments.insert(Ids.next(), postId, authorId, request.content(), actor.id(), actor.isAdmin())
			.switchIfEmpty(Mono.defer(() -> this.comments.references(postId, authorId, actor.id(), actor.isAdmin())
				.flatMap((references) -> Mono.error(
						references.postLive() ? unknownAuthor(authorId) : ProblemException.notFound("post", postId)))));
	}

	Mono<CommentResponse> update(Actor actor, UUID id, UpdateCommentRequest request, IfMatch ifMatch) {
		return requireAuthor(actor, id, "change another user's comment", false)
			.then(this.comments.updateContent(id, request.content(), ifMatch))
			.switchIfEmpty(Mono.defer(() -> missing(ifMatch, id)));
	}

	Mono<Void> softDelete(Actor actor, UUID id, IfMatch ifMatch) {
		return requireAuthor(actor, id, "delete another user's comment", true)
			.then(this.comments.softDelete(id, ifMatch))
			.flatMap((deleted) -> deleted ? Mono.<Void>empty() : missing(ifMatch, id).then());
	}

	/**
	 * The answer to a write that found no live comment: 412 when it was conditional and
	 * the comment is there, else 404.
	 */
	private Mono<CommentResponse> missing(IfMatch ifMatch, UUID id) {
		ProblemException notFound = ProblemException.notFound("comment", id);
		return ifMatch.conditional() ? ifMatch.failed(this.comments.findLiveById(id, null, true).hasElement(), notFound)
				: Mono.error(notFound);
	}

	/**
	 * Completes when {@code actor} may change the comment: its author, an ADMIN, or (when
	 * {@code moderatorMay}) a MODERATOR; those are not looked up. A comment the actor
	 * cannot see (on someone else's draft) is a 404, any other refusal a 403. A comment's
	 * author never changes, so the answer cannot go stale before the change is made.
	 */
	private Mono<Void> requireAuthor(Actor actor, UUID id, String what, boolean moderatorMay) {
		if (actor.isAdmin() || (moderatorMay && actor.isModerator())) {
			return Mono.empty();
		}
		return this.comments.findOwner(id)
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("comment", id)))
			.flatMap((owner) -> {
				if (actor.is(owner.authorId())) {
					return Mono.empty();
				}
				return (owner.postIsDraft() && !actor.is(owner.postAuthorId()))
						? Mono.error(ProblemException.notFound("comment", id)) : Mono.error(Actor.forbidden(what));
			});
	}

	private static List<CommentResponse> stitch(List<Comment> page, Map<UUID, CommentAuthor> authors) {
		return page.stream().map((comment) -> CommentResponse.of(comment, authors.get(comment.authorId()))).toList();
	}

	private static ProblemException unknownAuthor(UUID authorId) {
		return new ProblemException(ProblemType.UNKNOWN_REFERENCE, "authorId " + authorId + " refers to no live user",
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
				return new Key(Cursor.instant(parts.get(0)), id);
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
