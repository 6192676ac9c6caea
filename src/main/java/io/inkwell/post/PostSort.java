package io.inkwell.post;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.inkwell.web.ProblemException;

/**
 * The whitelist of list orderings. Each is keyset-paged on (key, id) with {@code id}
 * breaking ties in the same direction, so a cursor names one position in a total order.
 * SQL fragments come only from these constants, never from the request.
 */
enum PostSort {

	PUBLISHED_AT_ASC("publishedAt", "p.published_at", "timestamptz", false, true),

	/**
	 * Newest first; never-published posts sort as if published in the future (NULLS
	 * FIRST).
	 */
	PUBLISHED_AT_DESC("-publishedAt", "p.published_at", "timestamptz", true, true),

	CREATED_AT_ASC("createdAt", "p.created_at", "timestamptz", false, false),

	CREATED_AT_DESC("-createdAt", "p.created_at", "timestamptz", true, false),

	TITLE_ASC("title", "p.title", "text", false, false),

	TITLE_DESC("-title", "p.title", "text", true, false),

	/** Best match first; only with {@code search}, the default there. */
	RELEVANCE("relevance", "ts_rank(p.search, query)", "real", true, false);

	private static final String NAMES = Arrays.stream(values()).map(PostSort::token).collect(Collectors.joining(", "));

	private final String token;

	private final String key;

	private final String type;

	private final boolean descending;

	private final boolean nullable;

	PostSort(String token, String key, String type, boolean descending, boolean nullable) {
		this.token = token;
		this.key = key;
		this.type = type;
		this.descending = descending;
		this.nullable = nullable;
	}

	/** The value of {@code sort=} that selects this ordering. */
	String token() {
		return this.token;
	}

	/**
	 * The ordering when the client names none: relevance for a full-text search, newest
	 * publication first for published posts (posts_status_published_at_idx), else newest
	 * first.
	 */
	static PostSort defaultFor(PostFilter filter) {
		if (filter.search() != null) {
			return RELEVANCE;
		}
		return (filter.status() == PostStatus.PUBLISHED) ? PUBLISHED_AT_DESC : CREATED_AT_DESC;
	}

	/**
	 * @throws ProblemException 400 for a value outside the whitelist
	 */
	static PostSort parse(String token, PostFilter filter) {
		for (PostSort sort : values()) {
			if (sort.token.equals(token)) {
				if (sort == RELEVANCE && filter.search() == null) {
					throw ProblemException.invalidParameter("sort", "relevance needs a search");
				}
				return sort;
			}
		}
		throw ProblemException.invalidParameter("sort", "must be one of " + NAMES);
	}

	/**
	 * {@code ORDER BY} matching the indexes: PostgreSQL's defaults put NULLs first when
	 * descending and last when ascending, which is how posts_status_published_at_idx is
	 * built.
	 */
	String orderBy() {
		String direction = this.descending ? " DESC" : "";
		return this.key + direction + ", p.id" + direction;
	}

	/**
	 * The keyset condition "comes after (value, id) in this order". A NULL key (never
	 * published) counts as larger than every timestamp, like PostgreSQL's default NULL
	 * ordering.
	 */
	String after(boolean valueIsNull) {
		String op = this.descending ? "<" : ">";
		String row = "(" + this.key + ", p.id) " + op + " (CAST(:afterValue AS " + this.type + "), :afterId)";
		if (!this.nullable) {
			return row;
		}
		if (valueIsNull) {
			String nulls = "(" + this.key + " IS NULL AND p.id " + op + " :afterId)";
			return this.descending ? "(" + nulls + " OR " + this.key + " IS NOT NULL)" : nulls;
		}
		return this.descending ? row : "(" + row + " OR " + this.key + " IS NULL)";
	}

	/** The key value of a row: what the next page's cursor carries. */
	Object keyOf(PostRow row) {
		return switch (this) {
			case PUBLISHED_AT_ASC, PUBLISHED_AT_DESC -> row.post().publishedAt();
			case CREATED_AT_ASC, CREATED_AT_DESC -> row.post().createdAt();
			case TITLE_ASC, TITLE_DESC -> row.post().title();
			case RELEVANCE -> row.rank();
		};
	}

	/** The Java type a cursor value of this ordering decodes to. */
	Class<?> keyType() {
		return switch (this) {
			case PUBLISHED_AT_ASC, PUBLISHED_AT_DESC, CREATED_AT_ASC, CREATED_AT_DESC -> java.time.Instant.class;
			case TITLE_ASC, TITLE_DESC -> String.class;
			case RELEVANCE -> Float.class;
		};
	}

	boolean nullable() {
		return this.nullable;
	}

}
