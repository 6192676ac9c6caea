package io.inkwell.comment;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import io.inkwell.web.IfMatch;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * All SQL of the comment feature, including its reads of {@code posts} and {@code users}
 * (existence and author names), which belong to what a comment shows.
 */
@Repository
class CommentRepository {

	private static final String COLUMNS = "id, post_id, author_id, content, created_at, updated_at";

	// a draft's comments are as hidden as the draft: seen only by its author (:viewer)
	// and ADMINs
	// (:allDrafts); an anonymous :viewer is NULL, which makes the comparison unknown,
	// i.e. not seen
	private static final String VISIBLE_POST = "(p.status <> 'DRAFT' OR :allDrafts OR p.author_id = :viewer)";

	private static final String POST_IS_LIVE = """
			/* CommentRepository.postIsLive */ SELECT EXISTS (SELECT 1 FROM posts p WHERE p.id = :postId AND p.deleted_at IS NULL AND %s) AS live
			"""
		.formatted(VISIBLE_POST);

	private static final String REFERENCES = """
			/* CommentRepository.references */ SELECT EXISTS (SELECT 1 FROM posts p WHERE p.id = :postId AND p.deleted_at IS NULL AND %s) AS post_live,
			       EXISTS (SELECT 1 FROM users WHERE id = :authorId AND deleted_at IS NULL) AS author_live
			"""
		.formatted(VISIBLE_POST);

	private static final String FIND_OWNER = """
			/* CommentRepository.findOwner */ SELECT c.author_id, p.author_id AS post_author_id, p.status = 'DRAFT' AS post_is_draft
			FROM comments c JOIN posts p ON p.id = c.post_id AND p.deleted_at IS NULL
			WHERE c.id = :id AND c.deleted_at IS NULL
			""";

	// comments_post_id_created_at_idx (post_id, created_at, id) WHERE deleted_at IS NULL
	// serves
	// both pages: equality on post_id, then the row comparison as a range on the next two
	// columns
	private static final String FIND_PAGE = """
			/* CommentRepository.findPage */ SELECT %s FROM comments
			WHERE post_id = :postId AND deleted_at IS NULL
			ORDER BY created_at, id
			LIMIT :limit
			""".formatted(COLUMNS);

	private static final String FIND_PAGE_AFTER = """
			/* CommentRepository.findPageAfter */ SELECT %s FROM comments
			WHERE post_id = :postId AND deleted_at IS NULL
			  AND (created_at, id) > (:afterCreatedAt, :afterId)
			ORDER BY created_at, id
			LIMIT :limit
			""".formatted(COLUMNS);

	// soft-deleted authors are left out: their comments show author null
	private static final String FIND_LIVE_AUTHORS = """
			/* CommentRepository.findLiveAuthors */ SELECT id, name FROM users WHERE id = ANY(:ids) AND deleted_at IS NULL
			""";

	// the comment and its author's name in one statement; the comments of a soft-deleted
	// post
	// are as hidden as the post itself
	private static final String FIND_LIVE_BY_ID = """
			/* CommentRepository.findLiveById */ SELECT c.id, c.post_id, c.author_id, c.content, c.created_at, c.updated_at,
			       CASE WHEN u.deleted_at IS NULL THEN u.name END AS author_name
			FROM comments c
			JOIN posts p ON p.id = c.post_id AND p.deleted_at IS NULL AND %s
			JOIN users u ON u.id = c.author_id
			WHERE c.id = :id AND c.deleted_at IS NULL
			"""
		.formatted(VISIBLE_POST);

	// writes nothing unless the post and the author are both live; the caller then asks
	// REFERENCES which of the two was missing
	private static final String INSERT = """
			/* CommentRepository.insert */ WITH inserted AS (
			  INSERT INTO comments (id, post_id, author_id, content)
			  SELECT :id, p.id, u.id, :content
			  FROM posts p JOIN users u ON u.id = :authorId AND u.deleted_at IS NULL
			  WHERE p.id = :postId AND p.deleted_at IS NULL AND %s
			  RETURNING %s
			)
			SELECT i.id, i.post_id, i.author_id, i.content, i.created_at, i.updated_at, u.name AS author_name
			FROM inserted i JOIN users u ON u.id = i.author_id
			""".formatted(VISIBLE_POST, COLUMNS);

	private static final String UPDATE_CONTENT = """
			/* CommentRepository.updateContent */ WITH updated AS (
			  UPDATE comments c SET content = :content, updated_at = now()
			  FROM posts p
			  WHERE c.id = :id AND c.deleted_at IS NULL AND p.id = c.post_id AND p.deleted_at IS NULL
			    AND (CAST(:ifMatch AS timestamptz[]) IS NULL OR c.updated_at = ANY(CAST(:ifMatch AS timestamptz[])))
			  RETURNING c.id, c.post_id, c.author_id, c.content, c.created_at, c.updated_at
			)
			SELECT d.id, d.post_id, d.author_id, d.content, d.created_at, d.updated_at,
			       CASE WHEN u.deleted_at IS NULL THEN u.name END AS author_name
			FROM updated d JOIN users u ON u.id = d.author_id
			""";

	private static final String SOFT_DELETE = """
			/* CommentRepository.softDelete */ UPDATE comments c SET deleted_at = now(), updated_at = now()
			FROM posts p
			WHERE c.id = :id AND c.deleted_at IS NULL AND p.id = c.post_id AND p.deleted_at IS NULL
			  AND (CAST(:ifMatch AS timestamptz[]) IS NULL OR c.updated_at = ANY(CAST(:ifMatch AS timestamptz[])))
			""";

	private final DatabaseClient db;

	CommentRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Whether the post is live and visible to {@code viewer} (null: anonymous). */
	Mono<Boolean> postIsLive(UUID postId, UUID viewer, boolean allDrafts) {
		return bindViewer(this.db.sql(POST_IS_LIVE).bind("postId", postId), viewer, allDrafts)
			.map((row) -> row.get("live", Boolean.class))
			.one();
	}

	Mono<CommentReferences> references(UUID postId, UUID authorId, UUID viewer, boolean allDrafts) {
		return bindViewer(this.db.sql(REFERENCES).bind("postId", postId).bind("authorId", authorId), viewer, allDrafts)
			.map(CommentRepository::toReferences)
			.one();
	}

	/**
	 * Who wrote the live comment and its post; empty when the comment or its post is not
	 * live.
	 */
	Mono<CommentOwner> findOwner(UUID id) {
		return this.db.sql(FIND_OWNER)
			.bind("id", id)
			.map((row) -> new CommentOwner(row.get("author_id", UUID.class), row.get("post_author_id", UUID.class),
					row.get("post_is_draft", Boolean.class)))
			.one();
	}

	/**
	 * Live comments of a post, oldest first, after the key ({@code afterCreatedAt},
	 * {@code afterId}) if given.
	 */
	Flux<Comment> findPage(UUID postId, Instant afterCreatedAt, UUID afterId, int limit) {
		GenericExecuteSpec spec = (afterCreatedAt != null)
				? this.db.sql(FIND_PAGE_AFTER).bind("afterCreatedAt", afterCreatedAt).bind("afterId", afterId)
				: this.db.sql(FIND_PAGE);
		return spec.bind("postId", postId).bind("limit", limit).map(CommentRepository::toComment).all();
	}

	/** The live users among {@code ids}, in one statement whatever their number. */
	Flux<CommentAuthor> findLiveAuthors(Collection<UUID> ids) {
		return this.db.sql(FIND_LIVE_AUTHORS)
			.bind("ids", ids.toArray(UUID[]::new))
			.map(CommentRepository::toAuthor)
			.all();
	}

	Mono<CommentResponse> findLiveById(UUID id, UUID viewer, boolean allDrafts) {
		return bindViewer(this.db.sql(FIND_LIVE_BY_ID).bind("id", id), viewer, allDrafts)
			.map(CommentRepository::toResponse)
			.one();
	}

	/**
	 * Empty when the post or the author is absent or soft-deleted, or the post is not
	 * visible to {@code viewer}.
	 */
	Mono<CommentResponse> insert(UUID id, UUID postId, UUID authorId, String content, UUID viewer, boolean allDrafts) {
		GenericExecuteSpec spec = this.db.sql(INSERT)
			.bind("id", id)
			.bind("postId", postId)
			.bind("authorId", authorId)
			.bind("content", content);
		return bindViewer(spec, viewer, allDrafts).map(CommentRepository::toResponse).one();
	}

	Mono<CommentResponse> updateContent(UUID id, String content, IfMatch ifMatch) {
		return ifMatch.bind(this.db.sql(UPDATE_CONTENT).bind("id", id))
			.bind("content", content)
			.map(CommentRepository::toResponse)
			.one();
	}

	Mono<Boolean> softDelete(UUID id, IfMatch ifMatch) {
		return ifMatch.bind(this.db.sql(SOFT_DELETE).bind("id", id)).fetch().rowsUpdated().map((rows) -> rows > 0);
	}

	private static GenericExecuteSpec bindViewer(GenericExecuteSpec spec, UUID viewer, boolean allDrafts) {
		spec = spec.bind("allDrafts", allDrafts);
		return (viewer != null) ? spec.bind("viewer", viewer) : spec.bindNull("viewer", UUID.class);
	}

	private static Comment toComment(Readable row) {
		return new Comment(row.get("id", UUID.class), row.get("post_id", UUID.class), row.get("author_id", UUID.class),
				row.get("content", String.class), row.get("created_at", Instant.class),
				row.get("updated_at", Instant.class));
	}

	private static CommentAuthor toAuthor(Readable row) {
		return new CommentAuthor(row.get("id", UUID.class), row.get("name", String.class));
	}

	private static CommentResponse toResponse(Readable row) {
		Comment comment = toComment(row);
		String authorName = row.get("author_name", String.class);
		return CommentResponse.of(comment,
				(authorName != null) ? new CommentAuthor(comment.authorId(), authorName) : null);
	}

	private static CommentReferences toReferences(Readable row) {
		return new CommentReferences(row.get("post_live", Boolean.class), row.get("author_live", Boolean.class));
	}

}
