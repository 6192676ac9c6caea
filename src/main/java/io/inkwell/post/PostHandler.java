package io.inkwell.post;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.idempotency.Answer;
import io.inkwell.idempotency.Idempotency;
import io.inkwell.security.Actor;
import io.inkwell.web.EntityTags;
import io.inkwell.web.IfMatch;
import io.inkwell.web.ProblemException;
import io.inkwell.web.RequestParameters;
import io.inkwell.web.RequestValidator;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** HTTP only: parse, validate, call the service, shape the response. */
@Component
class PostHandler {

	/** Longest {@code q} or {@code search} accepted. */
	static final int MAX_TEXT_QUERY = 200;

	/**
	 * Shortest {@code q}: the trigram indexes (posts_title_trgm_idx, posts_body_trgm_idx)
	 * find no trigram in a shorter pattern and would scan the whole index.
	 */
	static final int MIN_SUBSTRING_QUERY = 3;

	/** Earliest and latest {@code publishedFrom}/{@code publishedTo} accepted. */
	static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

	static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

	/** Largest {@code olderThanDays} of the bulk delete (100 years). */
	static final int MAX_DAYS = 36_500;

	private final PostService posts;

	private final RequestValidator validator;

	private final Idempotency idempotency;

	PostHandler(PostService posts, RequestValidator validator, Idempotency idempotency) {
		this.posts = posts;
		this.validator = validator;
		this.idempotency = idempotency;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return this.idempotency.handle(request,
				(keyed) -> Actor.of(keyed)
					.flatMap((actor) -> this.validator.body(keyed, CreatePostRequest.class)
						.flatMap((body) -> this.posts.create(actor, body)))
					.map((post) -> Answer.created(URI.create("/api/posts/" + post.id()),
							PostShape.FULL.write(PostView.of(post)))));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		PostShape shape = shape(request, PostShape.SINGLE_FIELDS);
		return Actor.of(request).flatMap((actor) -> this.posts.find(actor, id, shape)).flatMap((view) -> {
			EntityTags.version(request, view.post().updatedAt());
			return ServerResponse.ok().bodyValue(shape.write(view));
		});
	}

	Mono<ServerResponse> list(ServerRequest request) {
		PostFilter filter = filter(request);
		PostSort sort = RequestParameters.stringQuery(request, "sort")
			.map((token) -> PostSort.parse(token, filter))
			.orElseGet(() -> PostSort.defaultFor(filter));
		PostShape shape = shape(request, PostShape.LIST_FIELDS);
		boolean cursorMode = has(request, "limit") || has(request, "cursor");
		boolean offsetMode = has(request, "page") || has(request, "size");
		if (cursorMode && offsetMode) {
			throw ProblemException.invalidParameter("page",
					"page/size (offset paging) cannot be combined with limit/cursor (cursor paging)");
		}
		PostListQuery query;
		if (offsetMode) {
			int page = RequestParameters.intQuery(request, "page", 1, 1, Integer.MAX_VALUE);
			if (page > PostService.MAX_PAGE) {
				throw ProblemException.invalidParameter("page",
						"must be at most " + PostService.MAX_PAGE + "; page deeper with the cursor");
			}
			int size = RequestParameters.intQuery(request, "size", PostService.DEFAULT_LIMIT, 1, PostService.MAX_LIMIT);
			query = new PostListQuery(filter, sort, shape, size, null, page);
		}
		else {
			int limit = RequestParameters.intQuery(request, "limit", PostService.DEFAULT_LIMIT, 1,
					PostService.MAX_LIMIT);
			String cursor = RequestParameters.stringQuery(request, "cursor").orElse(null);
			query = new PostListQuery(filter, sort, shape, limit, cursor, null);
		}
		return Actor.of(request)
			.flatMap((actor) -> this.posts.list(actor, query))
			.flatMap((page) -> ServerResponse.ok().bodyValue(envelope(page, shape)));
	}

	Mono<ServerResponse> update(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.validator.body(request, UpdatePostRequest.class)
				.flatMap((body) -> this.posts.update(actor, id, body, IfMatch.of(request))))
			.flatMap((post) -> {
				EntityTags.version(request, post.updatedAt());
				return full(post);
			});
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.posts.softDelete(actor, id, IfMatch.of(request)))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> hardDelete(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.posts.hardDelete(actor, id))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> deleteOlderThan(ServerRequest request) {
		PostStatus status = status(request)
			.orElseThrow(() -> ProblemException.invalidParameter("status", "is required"));
		if (!has(request, "olderThanDays")) {
			throw ProblemException.invalidParameter("olderThanDays", "is required");
		}
		int days = RequestParameters.intQuery(request, "olderThanDays", 0, 0, Integer.MAX_VALUE);
		if (days > MAX_DAYS) {
			throw ProblemException.invalidParameter("olderThanDays", "must be at most " + MAX_DAYS);
		}
		return Actor.of(request)
			.flatMap((actor) -> this.posts.softDeleteOlderThan(actor, status, days))
			.flatMap((count) -> ServerResponse.ok().bodyValue(new CountResponse(count)));
	}

	Mono<ServerResponse> restore(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request).flatMap((actor) -> this.posts.restore(actor, id)).flatMap(this::full);
	}

	Mono<ServerResponse> publish(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request).flatMap((actor) -> this.posts.publish(actor, id)).flatMap(this::full);
	}

	Mono<ServerResponse> publishDrafts(ServerRequest request) {
		UUID authorId = RequestParameters.uuidPath(request, "authorId");
		return Actor.of(request)
			.flatMap((actor) -> this.posts.publishDrafts(actor, authorId))
			.flatMap((count) -> ServerResponse.ok().bodyValue(new CountResponse(count)));
	}

	Mono<ServerResponse> connectCategories(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.validator.body(request, CategoryIdsRequest.class)
				.flatMap((body) -> this.posts.connectCategories(actor, id, body.categoryIds())))
			.flatMap(this::withCategories);
	}

	Mono<ServerResponse> setCategories(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.validator.body(request, CategoryIdsRequest.class)
				.flatMap((body) -> this.posts.setCategories(actor, id, body.categoryIds())))
			.flatMap(this::withCategories);
	}

	Mono<ServerResponse> disconnectCategory(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		UUID categoryId = RequestParameters.uuidPath(request, "categoryId");
		return Actor.of(request)
			.flatMap((actor) -> this.posts.disconnectCategory(actor, id, categoryId))
			.then(ServerResponse.noContent().build());
	}

	private Mono<ServerResponse> full(Post post) {
		return ServerResponse.ok().bodyValue(PostShape.FULL.write(PostView.of(post)));
	}

	private Mono<ServerResponse> withCategories(PostView view) {
		return ServerResponse.ok().bodyValue(PostShape.WITH_CATEGORIES.write(view));
	}

	/**
	 * The list envelope; {@code nextCursor} is always written (null in offset mode and on
	 * the last page).
	 */
	private static Map<String, Object> envelope(PostPage page, PostShape shape) {
		Map<String, Object> body = new LinkedHashMap<>(4);
		body.put("data", shape.write(page.data()));
		body.put("nextCursor", page.nextCursor());
		if (page.page() != null) {
			body.put("page", page.page());
		}
		return body;
	}

	private static PostShape shape(ServerRequest request, Set<PostField> defaultFields) {
		return PostShape.parse(RequestParameters.listQuery(request, "fields").orElse(null),
				RequestParameters.listQuery(request, "include").orElse(null), defaultFields);
	}

	private static PostFilter filter(ServerRequest request) {
		return new PostFilter(status(request).orElse(null), uuidQuery(request, "authorId"),
				uuidQuery(request, "categoryId"), substringQuery(request), textQuery(request, "search"),
				instantQuery(request, "publishedFrom"), instantQuery(request, "publishedTo"));
	}

	private static Optional<PostStatus> status(ServerRequest request) {
		return RequestParameters.stringQuery(request, "status").map((value) -> {
			for (PostStatus status : PostStatus.values()) {
				if (status.name().equals(value)) {
					return status;
				}
			}
			throw ProblemException.invalidParameter("status", "must be one of DRAFT, PUBLISHED, ARCHIVED");
		});
	}

	private static UUID uuidQuery(ServerRequest request, String name) {
		return RequestParameters.stringQuery(request, name).map((value) -> {
			UUID id = Ids.parseOrNull(value);
			if (id == null) {
				throw ProblemException.invalidParameter(name, "must be a UUID");
			}
			return id;
		}).orElse(null);
	}

	/** {@code q}: free text of at least {@link #MIN_SUBSTRING_QUERY} characters. */
	private static String substringQuery(ServerRequest request) {
		String q = textQuery(request, "q");
		if (q != null && q.codePointCount(0, q.length()) < MIN_SUBSTRING_QUERY) {
			throw ProblemException.invalidParameter("q", "must be at least " + MIN_SUBSTRING_QUERY
					+ " characters (a substring search needs a trigram to use its index)");
		}
		return q;
	}

	/**
	 * Free text for {@code q} and {@code search}: any characters are data, but a NUL
	 * cannot be stored in text.
	 */
	private static String textQuery(ServerRequest request, String name) {
		return RequestParameters.stringQuery(request, name).map((value) -> {
			if (value.length() > MAX_TEXT_QUERY) {
				throw ProblemException.invalidParameter(name, "must be at most " + MAX_TEXT_QUERY + " characters");
			}
			if (value.indexOf('\0') >= 0) {
				throw ProblemException.invalidParameter(name, "must not contain NUL characters");
			}
			return value;
		}).orElse(null);
	}

	private static Instant instantQuery(ServerRequest request, String name) {
		return RequestParameters.stringQuery(request, name).map((value) -> {
			Instant instant;
			try {
				instant = Instant.parse(value);
			}
			catch (DateTimeParseException ex) {
				throw ProblemException.invalidParameter(name,
						"must be an ISO-8601 instant such as 2025-01-31T00:00:00Z");
			}
			// Instant reaches the year 1,000,000,000; the driver cannot encode such
			// values for PostgreSQL
			if (instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)) {
				throw ProblemException.invalidParameter(name, "must be between " + MIN_INSTANT + " and " + MAX_INSTANT);
			}
			return instant;
		}).orElse(null);
	}

	private static boolean has(ServerRequest request, String name) {
		return RequestParameters.stringQuery(request, name).isPresent();
	}

}
