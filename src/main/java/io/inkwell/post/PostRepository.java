package io.inkwell.post;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.web.IfMatch;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * All SQL of the post feature: posts, their category links, the authors' post counters,
 * and the batched relation loads of the list. Every value is bound; the only SQL
 * assembled at run time is the list query, from the fragments below and the
 * {@link PostSort} whitelist; its name comment leads the first fragment, so the assembled
 * text starts with it too.
 */
@Repository
class PostRepository {

	private static final String POST_COLUMNS = """
			p.id, p.author_id, p.title, p.body, p.status::text AS status, p.published_at, p.created_at, p.updated_at""";

	// the author must exist and be live; checked here, in the same statement, so a
	// soft-deleted
	// author is refused like a missing one (the foreign key alone would accept it)
	private static final String INSERT = """
			/* PostRepository.insert */ INSERT INTO posts AS p (id, author_id, title, body, status, published_at)
			SELECT :id, u.id, :title, :body, CAST(:status AS post_status),
			       CASE WHEN CAST(:status AS post_status) = 'PUBLISHED' THEN now() END
			FROM users u
			WHERE u.id = :authorId AND u.deleted_at IS NULL
			RETURNING %s
			""".formatted(POST_COLUMNS);

	// a category that does not exist fails post_categories_category_id_fkey (422
	// categoryIds)
	private static final String LINK_CATEGORIES = """
			/* PostRepository.linkCategories */ INSERT INTO post_categories (post_id, category_id)
			SELECT DISTINCT :postId, category_id FROM unnest(CAST(:categoryIds AS uuid[])) AS category_id
			ON CONFLICT DO NOTHING
			""";

	private static final String UNLINK_CATEGORIES_NOT_IN = """
			/* PostRepository.unlinkCategoriesNotIn */ DELETE FROM post_categories
			WHERE post_id = :postId AND category_id <> ALL (CAST(:categoryIds AS uuid[]))
			""";

	// answers whether the post is live, so that one statement tells 404 from "was not
	// linked"
	private static final String UNLINK_CATEGORY = """
			/* PostRepository.unlinkCategory */ WITH post AS (
			  SELECT id FROM posts WHERE id = :postId AND deleted_at IS NULL
			), unlinked AS (
			  DELETE FROM post_categories
			  WHERE post_id IN (SELECT id FROM post) AND category_id = :categoryId
			)
			SELECT count(*) AS posts FROM post
			""";

	// the first post of a user creates the profile row
	private static final String INCREMENT_POST_COUNT = """
			/* PostRepository.incrementPostCount */ INSERT INTO profiles (id, user_id, post_count) VALUES (:profileId, :userId, 1)
			ON CONFLICT (user_id) DO UPDATE SET post_count = profiles.post_count + 1, updated_at = now()
			""";

	private static final String FIND_LIVE_BY_ID = """
			/* PostRepository.findLiveById */ SELECT %s FROM posts p WHERE p.id = :id AND p.deleted_at IS NULL
			""".formatted(POST_COLUMNS);

	private static final String FIND_LIVE_BY_ID_WITH_AUTHOR = """
			/* PostRepository.findLiveByIdWithAuthor */ SELECT %s, u.id AS author_ref, u.name AS author_name
			FROM posts p LEFT JOIN users u ON u.id = p.author_id AND u.deleted_at IS NULL
			WHERE p.id = :id AND p.deleted_at IS NULL
			""".formatted(POST_COLUMNS);

	// serialises concurrent changes of one post's category set (the links' own
	// foreign-key checks
	// take KEY SHARE, which NO KEY UPDATE does not block)
	private static final String LOCK_LIVE_BY_ID = """
			/* PostRepository.lockLiveById */ SELECT %s FROM posts p WHERE p.id = :id AND p.deleted_at IS NULL FOR NO KEY UPDATE
			"""
		.formatted(POST_COLUMNS);

	private static final String UPDATE = """
			/* PostRepository.update */ UPDATE posts p SET
			  title = COALESCE(:title, p.title),
			  body = COALESCE(:body, p.body),
			  status = COALESCE(CAST(:status AS post_status), p.status),
			  published_at = CASE WHEN CAST(:status AS post_status) = 'PUBLISHED'
			                      THEN COALESCE(p.published_at, now()) ELSE p.published_at END,
			  moderated_by = CASE WHEN CAST(:status AS post_status) IS NULL THEN p.moderated_by
			                      WHEN CAST(:status AS post_status) = 'ARCHIVED'
			                      THEN COALESCE(CAST(:moderator AS uuid), p.moderated_by) ELSE NULL END,
			  updated_at = now()
			WHERE p.id = :id AND p.deleted_at IS NULL
			  AND (CAST(:ifMatch AS timestamptz[]) IS NULL OR p.updated_at = ANY(CAST(:ifMatch AS timestamptz[])))
			RETURNING %s
			""".formatted(POST_COLUMNS);

	// publishing a published post changes nothing, not even updated_at
	private static final String PUBLISH = """
			/* PostRepository.publish */ UPDATE posts p SET
			  status = 'PUBLISHED',
			  published_at = COALESCE(p.published_at, now()),
			  moderated_by = NULL,
			  updated_at = CASE WHEN p.status = 'PUBLISHED' THEN p.updated_at ELSE now() END
			WHERE p.id = :id AND p.deleted_at IS NULL
			RETURNING %s
			""".formatted(POST_COLUMNS);

	// one UPDATE; the author CTE tells an unknown author (404) from one without drafts
	// (count 0)
	private static final String PUBLISH_DRAFTS = """
			/* PostRepository.publishDrafts */ WITH author AS (
			  SELECT id FROM users WHERE id = :authorId AND deleted_at IS NULL
			), published AS (
			  UPDATE posts p SET status = 'PUBLISHED', published_at = COALESCE(p.published_at, now()), updated_at = now()
			  WHERE p.author_id IN (SELECT id FROM author) AND p.status = 'DRAFT' AND p.deleted_at IS NULL
			  RETURNING p.id
			)
			SELECT (SELECT count(*) FROM author) AS authors, (SELECT count(*) FROM published) AS published
			""";

	// post and counter in one statement, hence one transaction; GREATEST keeps
	// profiles_post_count_check from failing a delete when the counter had drifted
	private static final String SOFT_DELETE = """
			/* PostRepository.softDelete */ WITH deleted AS (
			  UPDATE posts SET deleted_at = now(), updated_at = now(),
			    moderated_by = COALESCE(CAST(:moderator AS uuid), moderated_by)
			  WHERE id = :id AND deleted_at IS NULL
			    AND (CAST(:ifMatch AS timestamptz[]) IS NULL OR updated_at = ANY(CAST(:ifMatch AS timestamptz[])))
			  RETURNING author_id
			), counted AS (
			  UPDATE profiles pr SET post_count = GREATEST(pr.post_count - 1, 0), updated_at = now()
			  FROM deleted d WHERE pr.user_id = d.author_id
			)
			SELECT count(*) AS deleted FROM deleted
			""";

	private static final String SOFT_DELETE_OLDER_THAN = """
			/* PostRepository.softDeleteOlderThan */ WITH deleted AS (
			  UPDATE posts SET deleted_at = now(), updated_at = now()
			  WHERE status = CAST(:status AS post_status) AND deleted_at IS NULL
			    AND created_at < now() - make_interval(days => :days)
			  RETURNING id, author_id
			), per_author AS (
			  SELECT author_id, count(*) AS n FROM deleted GROUP BY author_id
			), counted AS (
			  UPDATE profiles pr SET post_count = GREATEST(pr.post_count - pa.n, 0), updated_at = now()
			  FROM per_author pa WHERE pr.user_id = pa.author_id
			)
			SELECT id FROM deleted
			""";

	private static final String RESTORE = """
			/* PostRepository.restore */ WITH restored AS (
			  UPDATE posts SET deleted_at = NULL, updated_at = now(),
			    moderated_by = CASE WHEN status = 'ARCHIVED' THEN moderated_by END
			  WHERE id = :id AND deleted_at IS NOT NULL
			  RETURNING author_id
			), counted AS (
			  INSERT INTO profiles (id, user_id, post_count)
			  SELECT :profileId, author_id, 1 FROM restored
			  ON CONFLICT (user_id) DO UPDATE SET post_count = profiles.post_count + 1, updated_at = now()
			)
			SELECT count(*) AS restored FROM restored
			""";

	// soft-deleted rows too: restoring needs the author of a deleted post
	private static final String FIND_OWNER = """
			/* PostRepository.findOwner */ SELECT author_id, status::text AS status, deleted_at IS NOT NULL AS deleted, moderated_by FROM posts WHERE id = :id
			""";

	// the post's comments and category links cascade; a live post is uncounted from its
	// author
	private static final String HARD_DELETE = """
			/* PostRepository.hardDelete */ WITH deleted AS (
			  DELETE FROM posts WHERE id = :id
			  RETURNING author_id, deleted_at
			), counted AS (
			  UPDATE profiles pr SET post_count = GREATEST(pr.post_count - 1, 0), updated_at = now()
			  FROM deleted d WHERE pr.user_id = d.author_id AND d.deleted_at IS NULL
			)
			SELECT count(*) AS deleted FROM deleted
			""";

	private static final String CATEGORIES_OF_POSTS = """
			/* PostRepository.categoriesOf */ SELECT pc.post_id, c.id, c.name
			FROM post_categories pc JOIN categories c ON c.id = pc.category_id
			WHERE pc.post_id = ANY(:ids)
			ORDER BY c.name, c.id
			""";

	private static final String COMMENT_COUNTS = """
			/* PostRepository.commentCountsOf */ SELECT post_id, count(*) AS comments
			FROM comments
			WHERE post_id = ANY(:ids) AND deleted_at IS NULL
			GROUP BY post_id
			""";

	// list query parts; the select list always has the same columns so one mapper reads
	// them all
	private static final String LIST_SELECT = """
			/* PostRepository.findPage */ SELECT p.id, p.author_id, p.title, %s AS body, p.status::text AS status, p.published_at, p.created_at, p.updated_at""";

	// counts at most :cap rows: a broad filter over a large table costs no more than that
	private static final String COUNT_SELECT = "/* PostRepository.count */ SELECT count(*) AS total FROM (SELECT 1";

	private static final String COUNT_END = " LIMIT :cap) AS capped";

	private static final String LIST_AUTHOR_COLUMNS = ", u.id AS author_ref, u.name AS author_name";

	private static final String LIST_RANK_COLUMN = ", ts_rank(p.search, query) AS rank";

	private static final String LIST_FROM = " FROM posts p";

	private static final String LIST_AUTHOR_JOIN = " LEFT JOIN users u ON u.id = p.author_id AND u.deleted_at IS NULL";

	// websearch_to_tsquery never fails on user syntax: quotes, "or" and "-" are its
	// operators, the rest is text
	private static final String LIST_SEARCH_QUERY = " CROSS JOIN websearch_to_tsquery('english', :search) AS query";

	private static final String FILTER_LIVE = " WHERE p.deleted_at IS NULL";

	private static final String FILTER_NO_DRAFTS = " AND p.status <> 'DRAFT'";

	private static final String FILTER_OWN_DRAFTS = " AND (p.status <> 'DRAFT' OR p.author_id = :draftsOf)";

	private static final String FILTER_STATUS = " AND p.status = CAST(:status AS post_status)";

	private static final String FILTER_AUTHOR = " AND p.author_id = :authorId";

	private static final String FILTER_CATEGORY = " AND EXISTS (SELECT 1 FROM post_categories pc"
			+ " WHERE pc.post_id = p.id AND pc.category_id = :categoryId)";

	// :pattern is escaped by likePattern(); served by posts_title_trgm_idx and
	// posts_body_trgm_idx
	static final String FILTER_TEXT = " AND (p.title ILIKE :pattern ESCAPE '\\' OR p.body ILIKE :pattern ESCAPE '\\')";

	private static final String FILTER_SEARCH = " AND p.search @@ query";

	private static final String FILTER_PUBLISHED_FROM = " AND p.published_at >= :publishedFrom";

	private static final String FILTER_PUBLISHED_TO = " AND p.published_at < :publishedTo";

	private final DatabaseClient db;

	PostRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Inserts the post; empty when the author does not exist or is soft-deleted. */
	Mono<Post> insert(UUID id, UUID authorId, String title, String body, PostStatus status) {
		return this.db.sql(INSERT)
			.bind("id", id)
			.bind("authorId", authorId)
			.bind("title", title)
			.bind("body", body)
			.bind("status", status.name())
			.map(PostRepository::toPost)
			.one();
	}

	Mono<Long> linkCategories(UUID postId, List<UUID> categoryIds) {
		return this.db.sql(LINK_CATEGORIES)
			.bind("postId", postId)
			.bind("categoryIds", categoryIds.toArray(new UUID[0]))
			.fetch()
			.rowsUpdated();
	}

	Mono<Long> unlinkCategoriesNotIn(UUID postId, List<UUID> keep) {
		return this.db.sql(UNLINK_CATEGORIES_NOT_IN)
			.bind("postId", postId)
			.bind("categoryIds", keep.toArray(new UUID[0]))
			.fetch()
			.rowsUpdated();
	}

	/** Unlinks one category; false when the post does not exist or is soft-deleted. */
	Mono<Boolean> unlinkCategory(UUID postId, UUID categoryId) {
		return this.db.sql(UNLINK_CATEGORY)
			.bind("postId", postId)
			.bind("categoryId", categoryId)
			.map((row) -> row.get("posts", Long.class))
			.one()
			.map((posts) -> posts > 0);
	}

	Mono<Long> incrementPostCount(UUID profileId, UUID userId) {
		return this.db.sql(INCREMENT_POST_COUNT)
			.bind("profileId", profileId)
			.bind("userId", userId)
			.fetch()
			.rowsUpdated();
	}

	Mono<PostRow> findLiveById(UUID id, boolean withAuthor) {
		if (!withAuthor) {
			return this.db.sql(FIND_LIVE_BY_ID).bind("id", id).map((row) -> new PostRow(toPost(row), null, null)).one();
		}
		return this.db.sql(FIND_LIVE_BY_ID_WITH_AUTHOR)
			.bind("id", id)
			.map((row) -> new PostRow(toPost(row), toJoinedAuthor(row), null))
			.one();
	}

	/** The live post, locked against concurrent changes until the transaction ends. */
	Mono<Post> lockLiveById(UUID id) {
		return this.db.sql(LOCK_LIVE_BY_ID).bind("id", id).map(PostRepository::toPost).one();
	}

	/**
	 * Applies the present fields; {@code moderator} (a MODERATOR or ADMIN, or null) is
	 * recorded when the post is archived; a change to another status clears it.
	 */
	Mono<Post> update(UUID id, String title, String body, PostStatus status, UUID moderator, IfMatch ifMatch) {
		GenericExecuteSpec spec = ifMatch.bind(this.db.sql(UPDATE).bind("id", id));
		spec = bindNullable(spec, "title", title);
		spec = bindNullable(spec, "body", body);
		spec = bindNullable(spec, "status", (status != null) ? status.name() : null);
		spec = bindNullable(spec, "moderator", moderator);
		return spec.map(PostRepository::toPost).one();
	}

	Mono<Post> publish(UUID id) {
		return this.db.sql(PUBLISH).bind("id", id).map(PostRepository::toPost).one();
	}

	/**
	 * Publishes the author's live drafts; empty when the author does not exist or is
	 * soft-deleted.
	 */
	Mono<Long> publishDrafts(UUID authorId) {
		return this.db.sql(PUBLISH_DRAFTS)
			.bind("authorId", authorId)
			.map((row) -> new long[] { row.get("authors", Long.class), row.get("published", Long.class) })
			.one()
			.filter((counts) -> counts[0] > 0)
			.map((counts) -> counts[1]);
	}

	/**
	 * Soft-deletes the post; {@code moderator} (a MODERATOR or ADMIN, or null) is
	 * recorded.
	 */
	Mono<Boolean> softDelete(UUID id, UUID moderator, IfMatch ifMatch) {
		return ifMatch.bind(bindNullable(this.db.sql(SOFT_DELETE).bind("id", id), "moderator", moderator))
			.map((row) -> row.get("deleted", Long.class))
			.one()
			.map((deleted) -> deleted > 0);
	}

	/** Soft-deletes the posts; answers with their ids. */
	Mono<List<UUID>> softDeleteOlderThan(PostStatus status, int days) {
		return this.db.sql(SOFT_DELETE_OLDER_THAN)
			.bind("status", status.name())
			.bind("days", days)
			.map((row) -> row.get("id", UUID.class))
			.all()
			.collectList();
	}

	/**
	 * Restores a soft-deleted post; false when there was none to restore (absent or
	 * live).
	 */
	Mono<Boolean> restore(UUID id, UUID profileId) {
		return this.db.sql(RESTORE)
			.bind("id", id)
			.bind("profileId", profileId)
			.map((row) -> row.get("restored", Long.class))
			.one()
			.map((restored) -> restored > 0);
	}

	/**
	 * Author and visibility of the post, soft-deleted or not; empty when there is no such
	 * row.
	 */
	Mono<PostOwner> findOwner(UUID id) {
		return this.db.sql(FIND_OWNER)
			.bind("id", id)
			.map((row) -> new PostOwner(row.get("author_id", UUID.class),
					PostStatus.valueOf(row.get("status", String.class)), row.get("deleted", Boolean.class),
					row.get("moderated_by", UUID.class)))
			.one();
	}

	/** Deletes the post for good; false when there was none. */
	Mono<Boolean> hardDelete(UUID id) {
		return this.db.sql(HARD_DELETE)
			.bind("id", id)
			.map((row) -> row.get("deleted", Long.class))
			.one()
			.map((deleted) -> deleted > 0);
	}

	/** The categories of the given posts, by post id, each list ordered by name. */
	Mono<Map<UUID, List<CategorySummary>>> categoriesOf(List<UUID> postIds) {
		return this.db.sql(CATEGORIES_OF_POSTS)
			.bind("ids", postIds.toArray(new UUID[0]))
			.map((row) -> Map.entry(row.get("post_id", UUID.class), toCategory(row)))
			.all()
			.collect(LinkedHashMap::new, (byPost,
					entry) -> byPost.computeIfAbsent(entry.getKey(), (key) -> new ArrayList<>()).add(entry.getValue()));
	}

	/** Live comments per post; posts without comments are absent from the map. */
	Mono<Map<UUID, Long>> commentCountsOf(List<UUID> postIds) {
		return this.db.sql(COMMENT_COUNTS)
			.bind("ids", postIds.toArray(new UUID[0]))
			.map((row) -> Map.entry(row.get("post_id", UUID.class), row.get("comments", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * One page of the list: rows after {@code after} (cursor mode) or from {@code offset}
	 * (offset mode), in {@code sort} order.
	 */
	Flux<PostRow> findPage(PostFilter filter, PostSort sort, SortKey after, boolean withBody, boolean withAuthor,
			int limit, long offset) {
		boolean ranked = sort == PostSort.RELEVANCE;
		Map<String, Object> parameters = new LinkedHashMap<>();
		StringBuilder sql = new StringBuilder(512);
		sql.append(LIST_SELECT.formatted(withBody ? "p.body" : "NULL::text"));
		if (withAuthor) {
			sql.append(LIST_AUTHOR_COLUMNS);
		}
		if (ranked) {
			sql.append(LIST_RANK_COLUMN);
		}
		sql.append(LIST_FROM);
		if (withAuthor) {
			sql.append(LIST_AUTHOR_JOIN);
		}
		appendFilters(sql, parameters, filter);
		if (after != null) {
			sql.append(" AND ").append(sort.after(after.value() == null));
			if (after.value() != null) {
				parameters.put("afterValue", after.value());
			}
			parameters.put("afterId", after.id());
		}
		sql.append(" ORDER BY ").append(sort.orderBy()).append(" LIMIT :limit");
		parameters.put("limit", limit);
		if (offset > 0) {
			sql.append(" OFFSET :offset");
			parameters.put("offset", offset);
		}
		GenericExecuteSpec spec = this.db.sql(sql.toString());
		for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
			spec = spec.bind(parameter.getKey(), parameter.getValue());
		}
		return spec
			.map((row) -> new PostRow(toPost(row), withAuthor ? toJoinedAuthor(row) : null,
					ranked ? row.get("rank", Float.class) : null))
			.all();
	}

	/**
	 * How many live posts match, counting no further than {@code cap}: the total of
	 * offset paging.
	 */
	Mono<Long> count(PostFilter filter, int cap) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		StringBuilder sql = new StringBuilder(COUNT_SELECT).append(LIST_FROM);
		appendFilters(sql, parameters, filter);
		sql.append(COUNT_END);
		parameters.put("cap", cap);
		GenericExecuteSpec spec = this.db.sql(sql.toString());
		for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
			spec = spec.bind(parameter.getKey(), parameter.getValue());
		}
		return spec.map((row) -> row.get("total", Long.class)).one();
	}

	private static void appendFilters(StringBuilder sql, Map<String, Object> parameters, PostFilter filter) {
		if (filter.search() != null) {
			// the tsquery is computed once per statement and named for the filter and the
			// rank
			sql.append(LIST_SEARCH_QUERY);
			parameters.put("search", filter.search());
		}
		sql.append(FILTER_LIVE);
		if (filter.restrictsDrafts()) {
			if (filter.draftsOf() != null) {
				sql.append(FILTER_OWN_DRAFTS);
				parameters.put("draftsOf", filter.draftsOf());
			}
			else {
				sql.append(FILTER_NO_DRAFTS);
			}
		}
		if (filter.status() != null) {
			sql.append(FILTER_STATUS);
			parameters.put("status", filter.status().name());
		}
		if (filter.authorId() != null) {
			sql.append(FILTER_AUTHOR);
			parameters.put("authorId", filter.authorId());
		}
		if (filter.categoryId() != null) {
			sql.append(FILTER_CATEGORY);
			parameters.put("categoryId", filter.categoryId());
		}
		if (filter.q() != null) {
			sql.append(FILTER_TEXT);
			parameters.put("pattern", likePattern(filter.q()));
		}
		if (filter.search() != null) {
			sql.append(FILTER_SEARCH);
		}
		if (filter.publishedFrom() != null) {
			sql.append(FILTER_PUBLISHED_FROM);
			parameters.put("publishedFrom", filter.publishedFrom());
		}
		if (filter.publishedTo() != null) {
			sql.append(FILTER_PUBLISHED_TO);
			parameters.put("publishedTo", filter.publishedTo());
		}
	}

	/** "contains" as a LIKE pattern: the client's {@code \ % _} match themselves. */
	static String likePattern(String text) {
		String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return "%" + escaped + "%";
	}

	private static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, String value) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, String.class);
	}

	private static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, UUID value) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, UUID.class);
	}

	private static Post toPost(Readable row) {
		return new Post(row.get("id", UUID.class), row.get("author_id", UUID.class), row.get("title", String.class),
				row.get("body", String.class), PostStatus.valueOf(row.get("status", String.class)),
				row.get("published_at", Instant.class), row.get("created_at", Instant.class),
				row.get("updated_at", Instant.class));
	}

	/** The author columns of a joined row; null when the join found no live author. */
	private static AuthorSummary toJoinedAuthor(Readable row) {
		UUID id = row.get("author_ref", UUID.class);
		return (id != null) ? new AuthorSummary(id, row.get("author_name", String.class)) : null;
	}

	private static CategorySummary toCategory(Readable row) {
		return new CategorySummary(row.get("id", UUID.class), row.get("name", String.class));
	}

}
