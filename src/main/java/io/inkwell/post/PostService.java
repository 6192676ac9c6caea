package io.inkwell.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.audit.AuditLog;
import io.inkwell.db.Ids;
import io.inkwell.security.Actor;
import io.inkwell.web.IfMatch;
import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemType;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Rules of the post feature: defaults, the live-author check, the authors' post counters,
 * paging and relation loading, transactions, and ownership: drafts are seen only by their
 * author and ADMINs (to anyone else they do not exist: 404), a post is changed by its
 * author or an ADMIN (403 for others), and a MODERATOR may archive any post they can see.
 * A post a MODERATOR or ADMIN archived or deleted is published or restored again only by
 * a MODERATOR or ADMIN, not by its author.
 */
@Service
class PostService {

	/**
	 * Page size of cursor paging ({@code limit}) and offset paging ({@code size}) when
	 * none is named.
	 */
	static final int DEFAULT_LIMIT = 20;

	/** Largest page; larger requests are capped to it. */
	static final int MAX_LIMIT = 100;

	/**
	 * Deepest offset page: offset paging costs O(offset); beyond this, page with the
	 * cursor.
	 */
	static final int MAX_PAGE = 10_000;

	/**
	 * Offset paging counts at most this many matching posts; past it the page reports
	 * {@code totalElements} as a lower bound ({@code totalExact: false}).
	 */
	static final int COUNT_CAP = 10_000;

	/** Most category ids one request may name. */
	static final int MAX_CATEGORIES = 100;

	private final PostRepository posts;

	private final TransactionalOperator transactional;

	private final AuditLog audit;

	PostService(PostRepository posts, TransactionalOperator transactional, AuditLog audit) {
		this.posts = posts;
		this.transactional = transactional;
		this.audit = audit;
	}

	/**
	 * Creates the post, links its categories and counts it in the author's profile
	 * (creating the profile if missing), all in one transaction: a missing or
	 * soft-deleted author, or a category that does not exist, leaves nothing written.
	 * Without {@code authorId} the caller is the author; naming someone else takes an
	 * ADMIN.
	 */
	Mono<Post> create(Actor actor, CreatePostRequest request) {
		// the route needs a token, so the caller is a user
		UUID authorId = (request.authorId() != null) ? request.authorId() : actor.id();
		if (!actor.isSelfOrAdmin(authorId)) {
			return Mono.error(Actor.forbidden("write posts in another user's name (authorId)"));
		}
		UUID id = Ids.next();
		String body = (request.body() != null) ? request.body() : "";
		PostStatus status = (request.status() != null) ? request.status() : PostStatus.DRAFT;
		List<UUID> categoryIds = (request.categoryIds() != null) ? request.categoryIds() : List.of();
		Mono<Post> created = this.posts.insert(id, authorId, request.title().strip(), body, status)
			.switchIfEmpty(Mono.error(() -> unknownReference("authorId")))
			.flatMap((post) -> linkCategories(id, categoryIds)
				.then(this.posts.incrementPostCount(Ids.next(), post.authorId()))
				.thenReturn(post));
		return created.as(this.transactional::transactional);
	}

	Mono<PostView> find(Actor actor, UUID id, PostShape shape) {
		return this.posts.findLiveById(id, shape.has(PostInclude.AUTHOR))
			.filter((row) -> row.post().status() != PostStatus.DRAFT || actor.isSelfOrAdmin(row.post().authorId()))
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("post", id)))
			.flatMap((row) -> withRelations(List.of(row), shape))
			.map((views) -> views.get(0));
	}

	/**
	 * One page of the list in a constant number of statements: the page (authors joined),
	 * then one batched query per other included relation, plus the count in offset mode.
	 */
	Mono<PostPage> list(Actor actor, PostListQuery request) {
		PostListQuery query = new PostListQuery(request.filter().visibleTo(actor), request.sort(), request.shape(),
				request.size(), request.cursor(), request.page());
		PostShape shape = query.shape();
		boolean withAuthor = shape.has(PostInclude.AUTHOR);
		if (query.page() != null) {
			long offset = (query.page() - 1L) * query.size();
			return this.posts
				.findPage(query.filter(), query.sort(), null, shape.needsBody(), withAuthor, query.size(), offset)
				.collectList()
				.flatMap((rows) -> this.posts.count(query.filter(), COUNT_CAP + 1)
					.flatMap((total) -> withRelations(rows, shape)
						.map((views) -> new PostPage(views, null, pageInfo(query, total)))));
		}
		SortKey after = (query.cursor() != null) ? SortKey.decode(query.cursor(), query.sort()) : null;
		int limit = query.size();
		// one row more than asked tells whether another page exists without a COUNT
		return this.posts.findPage(query.filter(), query.sort(), after, shape.needsBody(), withAuthor, limit + 1, 0)
			.collectList()
			.flatMap((rows) -> {
				boolean more = rows.size() > limit;
				List<PostRow> page = more ? rows.subList(0, limit) : rows;
				String next = more ? SortKey.of(query.sort(), page.get(page.size() - 1)).encode() : null;
				return withRelations(page, shape).map((views) -> new PostPage(views, next, null));
			});
	}

	/** Applies the present fields; the first publication sets {@code publishedAt}. */
	Mono<Post> update(Actor actor, UUID id, UpdatePostRequest request, IfMatch ifMatch) {
		String title = (request.title() != null) ? request.title().strip() : null;
		boolean archiveOnly = request.title() == null && request.body() == null
				&& request.status() == PostStatus.ARCHIVED;
		boolean leavesArchive = request.status() != null && request.status() != PostStatus.ARCHIVED;
		return requireAuthor(actor, id, "change another user's post", archiveOnly, leavesArchive)
			.then(this.posts.update(id, title, request.body(), request.status(), moderator(actor), ifMatch))
			.switchIfEmpty(Mono.defer(() -> missing(ifMatch, id)));
	}

	Mono<Post> publish(Actor actor, UUID id) {
		return requireAuthor(actor, id, "publish another user's post", false, true).then(this.posts.publish(id))
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("post", id)));
	}

	/**
	 * Publishes every live draft of the author in one UPDATE; 404 when the author is
	 * unknown.
	 */
	Mono<Long> publishDrafts(Actor actor, UUID authorId) {
		if (!actor.isSelfOrAdmin(authorId)) {
			return Mono.error(Actor.forbidden("publish another user's drafts"));
		}
		return this.posts.publishDrafts(authorId)
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("user", authorId)));
	}

	/** Soft-deletes the post and uncounts it from its author, in one statement. */
	Mono<Void> softDelete(Actor actor, UUID id, IfMatch ifMatch) {
		return requireAuthor(actor, id, "delete another user's post", false)
			.then(this.posts.softDelete(id, moderator(actor), ifMatch))
			.flatMap((deleted) -> deleted ? Mono.<Void>empty() : missing(ifMatch, id).then());
	}

	/**
	 * The answer to a write that found no live post: 412 when it was conditional and the
	 * post is there, else 404.
	 */
	private Mono<Post> missing(IfMatch ifMatch, UUID id) {
		ProblemException notFound = ProblemException.notFound("post", id);
		return ifMatch.conditional()
				? ifMatch.failed(this.posts.findOwner(id).map((owner) -> !owner.deleted()), notFound)
				: Mono.error(notFound);
	}

	/**
	 * Deletes the post for good (its comments and category links with it, and its
	 * author's count when it was live) and records it in the audit log, in one
	 * transaction. The route is ADMIN-only.
	 */
	Mono<Void> hardDelete(Actor actor, UUID id) {
		Mono<Void> deleted = this.posts.hardDelete(id)
			.flatMap((found) -> found ? this.audit.record(actor.id(), AuditLog.POST_HARD_DELETE, id)
					: Mono.error(ProblemException.notFound("post", id)));
		return deleted.as(this.transactional::transactional);
	}

	/**
	 * Soft-deletes every live post of {@code status} created more than {@code days} days
	 * ago and uncounts them from their authors, in one statement, and writes an audit
	 * entry per post, in the same transaction. The route is ADMIN-only.
	 */
	Mono<Long> softDeleteOlderThan(Actor actor, PostStatus status, int days) {
		Mono<Long> deleted = this.posts.softDeleteOlderThan(status, days)
			.flatMap((ids) -> this.audit.recordAll(actor.id(), AuditLog.POST_BULK_DELETE, ids)
				.thenReturn((long) ids.size()));
		return deleted.as(this.transactional::transactional);
	}

	/**
	 * Restores the post and counts it again; restoring a live post is a no-op that
	 * answers with it.
	 */
	Mono<Post> restore(Actor actor, UUID id) {
		return requireAuthor(actor, id, "restore another user's post", false, true)
			.then(this.posts.restore(id, Ids.next()))
			.then(this.posts.findLiveById(id, false))
			.map(PostRow::post)
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("post", id)));
	}

	/**
	 * Links the categories (already linked ones are kept as they are); answers with all
	 * of them.
	 */
	Mono<PostView> connectCategories(Actor actor, UUID id, List<UUID> categoryIds) {
		Mono<PostView> connected = requireAuthor(actor, id, "change another user's post", false)
			.then(this.posts.lockLiveById(id))
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("post", id)))
			.flatMap((post) -> linkCategories(id, categoryIds).then(withCategories(post)));
		return connected.as(this.transactional::transactional);
	}

	/** Replaces the post's categories by exactly these, in one transaction. */
	Mono<PostView> setCategories(Actor actor, UUID id, List<UUID> categoryIds) {
		Mono<PostView> replaced = requireAuthor(actor, id, "change another user's post", false)
			.then(this.posts.lockLiveById(id))
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("post", id)))
			.flatMap((post) -> this.posts.unlinkCategoriesNotIn(id, categoryIds)
				.then(linkCategories(id, categoryIds))
				.then(withCategories(post)));
		return replaced.as(this.transactional::transactional);
	}

	/**
	 * Unlinks the category; unlinking one that is not linked is a no-op. 404 for an
	 * unknown post.
	 */
	Mono<Void> disconnectCategory(Actor actor, UUID id, UUID categoryId) {
		return requireAuthor(actor, id, "change another user's post", false)
			.then(this.posts.unlinkCategory(id, categoryId))
			.flatMap((found) -> found ? Mono.<Void>empty() : Mono.error(ProblemException.notFound("post", id)));
	}

	/**
	 * Completes when {@code actor} may change the post: its author, an ADMIN, or (when
	 * {@code moderatorMay}) a MODERATOR. A post the actor cannot see (a draft or
	 * soft-deleted post of someone else) is a 404, any other refusal a 403. ADMINs are
	 * not looked up. The author of a post never changes, so the answer cannot go stale
	 * before the change is made.
	 */
	private Mono<Void> requireAuthor(Actor actor, UUID id, String what, boolean moderatorMay) {
		return requireAuthor(actor, id, what, moderatorMay, false);
	}

	/**
	 * As {@link #requireAuthor(Actor, UUID, String, boolean)}; when {@code republishes}
	 * (the change publishes, restores or takes the post out of the archive), a post a
	 * MODERATOR or ADMIN archived or deleted takes a MODERATOR or ADMIN: 403 for its
	 * author.
	 */
	private Mono<Void> requireAuthor(Actor actor, UUID id, String what, boolean moderatorMay, boolean republishes) {
		if (actor.isAdmin()) {
			return Mono.empty();
		}
		return this.posts.findOwner(id)
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("post", id)))
			.flatMap((owner) -> {
				if (actor.is(owner.authorId())) {
					return (republishes && owner.moderatedBy() != null && !actor.isModerator())
							? Mono.error(Actor.forbidden("publish or restore a post a moderator archived or deleted"))
							: Mono.empty();
				}
				if (owner.hiddenFromOthers()) {
					return Mono.error(ProblemException.notFound("post", id));
				}
				return (moderatorMay && actor.isModerator()) ? Mono.empty() : Mono.error(Actor.forbidden(what));
			});
	}

	/**
	 * The actor, when a MODERATOR or ADMIN: recorded on the posts they archive or delete.
	 */
	private static UUID moderator(Actor actor) {
		return actor.isModerator() ? actor.id() : null;
	}

	private Mono<Long> linkCategories(UUID postId, List<UUID> categoryIds) {
		return categoryIds.isEmpty() ? Mono.just(0L) : this.posts.linkCategories(postId, categoryIds);
	}

	private Mono<PostView> withCategories(Post post) {
		return this.posts.categoriesOf(List.of(post.id()))
			.map((categories) -> new PostView(post, null, categories.getOrDefault(post.id(), List.of()), null));
	}

	/**
	 * Loads the included to-many relations of all rows at once, one statement each, and
	 * stitches them in memory. The statements run one after the other, so a request holds
	 * at most one pooled connection at a time.
	 */
	private Mono<List<PostView>> withRelations(List<PostRow> rows, PostShape shape) {
		boolean categories = shape.has(PostInclude.CATEGORIES);
		boolean comments = shape.has(PostInclude.COMMENT_COUNT);
		if (rows.isEmpty() || (!categories && !comments)) {
			return Mono.just(stitch(rows, null, null));
		}
		List<UUID> ids = new ArrayList<>(rows.size());
		rows.forEach((row) -> ids.add(row.post().id()));
		Mono<Map<UUID, List<CategorySummary>>> categoriesByPost = categories ? this.posts.categoriesOf(ids)
				: Mono.just(Map.of());
		Mono<Map<UUID, Long>> commentsByPost = comments ? this.posts.commentCountsOf(ids) : Mono.just(Map.of());
		return categoriesByPost.flatMap((byPost) -> commentsByPost
			.map((counts) -> stitch(rows, categories ? byPost : null, comments ? counts : null)));
	}

	private static List<PostView> stitch(List<PostRow> rows, Map<UUID, List<CategorySummary>> categories,
			Map<UUID, Long> comments) {
		List<PostView> views = new ArrayList<>(rows.size());
		for (PostRow row : rows) {
			UUID id = row.post().id();
			views.add(new PostView(row.post(), row.author(),
					(categories != null) ? categories.getOrDefault(id, List.of()) : null,
					(comments != null) ? comments.getOrDefault(id, 0L) : null));
		}
		return views;
	}

	private static PageInfo pageInfo(PostListQuery query, long counted) {
		boolean exact = counted <= COUNT_CAP;
		long total = Math.min(counted, COUNT_CAP);
		long pages = (total + query.size() - 1) / query.size();
		return new PageInfo(query.page(), query.size(), total, pages, exact);
	}

	private static ProblemException unknownReference(String field) {
		return new ProblemException(ProblemType.UNKNOWN_REFERENCE, field + " refers to something that does not exist",
				List.of(new ProblemException.FieldError(field, "does not exist")));
	}

}
