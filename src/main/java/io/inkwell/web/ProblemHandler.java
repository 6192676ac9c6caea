package io.inkwell.web;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.inkwell.ops.DroppedErrors;
import io.inkwell.ops.RequestLog;
import io.inkwell.ops.ShedMetrics;
import io.inkwell.ops.ThrottledLog;
import io.r2dbc.postgresql.api.ErrorDetails;
import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.pool.PoolAcquirePendingLimitException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The one place where failures become HTTP answers: every {@link Throwable} that reaches
 * the web layer — from a handler, from the framework before any route matched (404, 405,
 * 406, 415), or from the database — is written as {@code application/problem+json} (RFC
 * 9457) with a catalogued {@link ProblemType}. Database errors are mapped by SQLSTATE,
 * table and constraint name here and nowhere else, never by PostgreSQL's message text (it
 * follows the server's language); anything unforeseen is a 500 whose details go to the
 * log only.
 * <p>
 * Ordered before Spring Boot's {@code DefaultErrorWebExceptionHandler} (order -1).
 */
@Component
@Order(-2)
public class ProblemHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	/** Seconds a client should wait before retrying a 503. */
	static final String RETRY_AFTER_SECONDS = "1";

	/**
	 * Table → constraint name → JSON field, for the constraints whose violation is the
	 * client's fault. Names are the ones the changesets give explicitly; PostgreSQL
	 * reports both with the error (for a foreign key, the table is the referencing one).
	 */
	private static final Map<String, Map<String, String>> CONSTRAINT_FIELDS = Map.of("users",
			Map.of("users_email_key", "email", "users_email_check", "email", "users_email_lower_check", "email",
					"users_name_check", "name", "users_credits_check", "credits"),
			"profiles",
			Map.of("profiles_user_id_key", "userId", "profiles_user_id_fkey", "userId", "profiles_bio_check",
					"profile.bio", "profiles_avatar_check", "profile.avatar"),
			"transfers",
			Map.of("transfers_from_user_id_fkey", "fromUserId", "transfers_to_user_id_fkey", "toUserId",
					"transfers_amount_check", "amount", "transfers_users_check", "toUserId"),
			"posts",
			Map.of("posts_author_id_fkey", "authorId", "posts_title_check", "title", "posts_body_check", "body",
					"posts_published_at_check", "publishedAt"),
			"categories", Map.of("categories_name_key", "name", "categories_name_check", "name"), "post_categories",
			Map.of("post_categories_post_id_fkey", "postId", "post_categories_category_id_fkey", "categoryIds"),
			"comments", Map.of("comments_post_id_fkey", "postId", "comments_author_id_fkey", "authorId",
					"comments_content_check", "content"));

	/** A statement that deletes, after its optional leading name comment. */
	private static final Pattern DELETE_STATEMENT = Pattern.compile("\\s*(?:/\\*.*?\\*/\\s*)?DELETE\\b",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private final JsonMapper json;

	private final ShedMetrics shed;

	private final ThrottledLog unavailableLog = new ThrottledLog(log, Duration.ofSeconds(10));

	ProblemHandler(JsonMapper json, ShedMetrics shed) {
		this.json = json;
		this.shed = shed;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			// headers are gone (e.g. a stream failed half-way): nothing sensible can be
			// written
			RequestLog.with(exchange, () -> log.debug("Error after the response was committed: {}", ex.toString()));
			return Mono.error(ex);
		}
		ProblemDetail problem = toProblem(ex);
		HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
		if (status.is5xxServerError() && status.value() != 503) {
			RequestLog.with(exchange, () -> log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), ex));
		}
		else if (status.value() == 503) {
			// a 503 stays cheap under overload: no stack trace, one line per 10 s with
			// the count
			// of those left out (the inkwell.db.acquire.* counters have every one)
			this.unavailableLog.warn("503", (skipped) -> RequestLog.with(exchange, () -> log.warn("503 on {} {}: {}{}",
					exchange.getRequest().getMethod(), exchange.getRequest().getPath(), problem.getDetail(), skipped)));
		}
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		response.setStatusCode(status);
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (status.value() == 503) {
			headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		if (ex instanceof ErrorResponse errorResponse) {
			errorResponse.getHeaders().forEach((name, values) -> {
				if (!headers.containsHeader(name)) {
					headers.addAll(name, values);
				}
			});
		}
		byte[] body = this.json.writeValueAsBytes(toMap(problem));
		// said outright, so that a HEAD answer (whose body is dropped) carries it too
		headers.setContentLength(body.length);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

	ProblemDetail toProblem(Throwable ex) {
		if (ex instanceof ProblemException problem) {
			return problem.getBody();
		}
		if (hasCause(ex, PoolAcquirePendingLimitException.class)) {
			this.shed.rejected();
			return problem(ProblemType.UNAVAILABLE, "too many requests are waiting for the database; retry shortly");
		}
		R2dbcTimeoutException timeout = findCause(ex, R2dbcTimeoutException.class);
		if (timeout != null && timeout.getCause() instanceof TimeoutException) {
			this.shed.timedOut();
			return problem(ProblemType.UNAVAILABLE, "no database connection became free in time; retry shortly");
		}
		if (DroppedErrors.isRequestTimeout(ex)) {
			return problem(ProblemType.REQUEST_TIMEOUT, "the request did not arrive whole in time");
		}
		if (hasCause(ex, DataBufferLimitException.class)) {
			return problem(ProblemType.PAYLOAD_TOO_LARGE, "the request body exceeds the size limit");
		}
		if (ex instanceof ServerWebInputException input) {
			if (hasCause(ex, CodecException.class)) {
				return problem(ProblemType.MALFORMED_BODY, "the body is not valid JSON for this request");
			}
			return problem(ProblemType.INVALID_PARAMETER,
					(input.getReason() != null) ? input.getReason() : "invalid request input");
		}
		if (ex instanceof ErrorResponse errorResponse) {
			return fromFramework(errorResponse);
		}
		R2dbcException database = findCause(ex, R2dbcException.class);
		if (database != null) {
			return fromDatabase(database);
		}
		if (ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessResourceException
				|| ex instanceof QueryTimeoutException || hasCause(ex, TimeoutException.class)) {
			return problem(ProblemType.UNAVAILABLE, "the database is not reachable right now; retry shortly");
		}
		return problem(ProblemType.INTERNAL, "an unexpected error occurred; it has been logged");
	}

	private ProblemDetail fromFramework(ErrorResponse errorResponse) {
		int status = errorResponse.getStatusCode().value();
		ProblemType type = switch (status) {
			case 401 -> ProblemType.UNAUTHORIZED;
			case 403 -> ProblemType.FORBIDDEN;
			case 404 -> ProblemType.NOT_FOUND;
			case 405 -> ProblemType.METHOD_NOT_ALLOWED;
			case 406 -> ProblemType.NOT_ACCEPTABLE;
			case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
			case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
			case 429 -> ProblemType.TOO_MANY_REQUESTS;
			case 503 -> ProblemType.UNAVAILABLE;
			default -> (status >= 500) ? ProblemType.INTERNAL : ProblemType.HTTP;
		};
		ProblemDetail source = errorResponse.getBody();
		String detail = switch (status) {
			case 404 -> "no resource at this path";
			case 415 -> "content type not supported; send application/json";
			default -> (status >= 500) ? "an unexpected error occurred; it has been logged" : source.getDetail();
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
		problem.setType(type.type());
		problem.setTitle((type == ProblemType.HTTP) ? HttpStatus.valueOf(status).getReasonPhrase() : type.title());
		return problem;
	}

	private ProblemDetail fromDatabase(R2dbcException ex) {
		String sqlState = (ex.getSqlState() != null) ? ex.getSqlState() : "";
		String field = (ex instanceof PostgresqlException postgres) ? field(postgres.getErrorDetails()) : null;
		if (sqlState.equals("23505")) {
			String name = (field != null) ? field : "value";
			return problem(ProblemType.DUPLICATE, "a resource with this " + name + " already exists",
					List.of(new ProblemException.FieldError(name, "is already taken")));
		}
		if (sqlState.equals("23503")) {
			// the row written points at a missing one (unknown authorId, categoryId): the
			// client's reference
			if (field != null && !removesReferencedRow(ex)) {
				return problem(ProblemType.UNKNOWN_REFERENCE, field + " refers to something that does not exist",
						List.of(new ProblemException.FieldError(field, "does not exist")));
			}
			// a delete or update would orphan rows that still point at this one
			return problem(ProblemType.CONFLICT, "the change conflicts with related data");
		}
		if (sqlState.startsWith("22") || sqlState.equals("23502") || sqlState.equals("23514")) {
			return problem(ProblemType.INVALID_VALUE, "a value was rejected by the database",
					(field != null) ? List.of(new ProblemException.FieldError(field, "is not allowed")) : List.of());
		}
		// 40001/40P01: serialization failure or deadlock. Writers that can meet them
		// retry the
		// transaction themselves; one that still fails is the database's transient state,
		// not a bug
		if (sqlState.equals("40001") || sqlState.equals("40P01")) {
			return problem(ProblemType.UNAVAILABLE, "the change collided with a concurrent one; retry shortly");
		}
		// 57014: the statement ran past statement_timeout (or was cancelled): the
		// database is busy or the request too costly right now, not a bug
		if (sqlState.equals("57014")) {
			return problem(ProblemType.UNAVAILABLE,
					"the query took longer than the database allows (statement timeout); retry shortly");
		}
		// 42P01/42703: the schema is behind this build (the migrate job has not run): not
		// ready yet
		if (sqlState.equals("42P01") || sqlState.equals("42703") || sqlState.startsWith("08")
				|| sqlState.startsWith("53") || sqlState.startsWith("57P")
				|| ex instanceof R2dbcTransientResourceException || ex instanceof R2dbcNonTransientResourceException
				|| ex instanceof R2dbcTimeoutException) {
			return problem(ProblemType.UNAVAILABLE, "the database is not reachable right now; retry shortly");
		}
		return problem(ProblemType.INTERNAL, "an unexpected error occurred; it has been logged");
	}

	/**
	 * The request field a violated constraint stands for; null when the constraint is not
	 * the client's.
	 */
	private static String field(ErrorDetails details) {
		String table = details.getTableName().orElse(null);
		String constraint = details.getConstraintName().orElse(null);
		Map<String, String> fields = (table != null) ? CONSTRAINT_FIELDS.get(table) : null;
		return (fields != null && constraint != null) ? fields.get(constraint) : null;
	}

	/**
	 * Whether a foreign-key violation comes from removing a row that others still
	 * reference rather than from writing a row whose reference dangles. PostgreSQL
	 * reports the same SQLSTATE, constraint and (referencing) table for both; only its
	 * message text, which follows the server's {@code lc_messages}, differs. So the side
	 * is read from the failing statement, which the driver attaches: a DELETE can break a
	 * foreign key only from the referenced side, while an INSERT or UPDATE (the
	 * application never changes a referenced id) writes the referencing row.
	 */
	private static boolean removesReferencedRow(R2dbcException ex) {
		String sql = ex.getSql();
		return sql != null && DELETE_STATEMENT.matcher(sql).lookingAt();
	}

	private static ProblemDetail problem(ProblemType type, String detail) {
		return new ProblemException(type, detail).getBody();
	}

	private static ProblemDetail problem(ProblemType type, String detail, List<ProblemException.FieldError> errors) {
		return new ProblemException(type, detail, errors).getBody();
	}

	private static Map<String, Object> toMap(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		return findCause(ex, type) != null;
	}

	private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		Throwable current = ex;
		for (int depth = 0; current != null && depth < 20; depth++) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		return null;
	}

}
