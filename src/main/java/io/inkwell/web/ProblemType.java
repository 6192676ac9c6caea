package io.inkwell.web;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The catalogue of problem types (RFC 9457) the API answers with. The {@code type} URIs
 * are stable: clients may switch on them. A retired type keeps its constant with a
 * comment saying it is no longer used; a slug is never reused for another meaning.
 * docs/api.md lists the same table.
 */
public enum ProblemType {

	/** Bean-validation failures; the body carries {@code errors: [{field, message}]}. */
	VALIDATION("validation", HttpStatus.BAD_REQUEST, "Request validation failed"),

	/** The body is not JSON, or a value has the wrong JSON type. */
	MALFORMED_BODY("malformed-body", HttpStatus.BAD_REQUEST, "Malformed request body"),

	/**
	 * A path or query parameter is malformed (bad UUID, non-numeric limit, bad cursor…).
	 */
	INVALID_PARAMETER("invalid-parameter", HttpStatus.BAD_REQUEST, "Invalid parameter"),

	/**
	 * The database refused a value as malformed or out of range (SQLSTATE 22xxx, 23502,
	 * 23514).
	 */
	INVALID_VALUE("invalid-value", HttpStatus.BAD_REQUEST, "Invalid value"),

	/**
	 * No credentials, or a bearer token that is missing, expired, malformed or wrongly
	 * signed; or a failed login.
	 */
	UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),

	/** Authenticated, but the caller's role or ownership does not allow this. */
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),

	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Resource not found"),

	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),

	/**
	 * {@code If-Match} names no current version of the resource (someone changed it since
	 * it was read); nothing was changed.
	 */
	PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Precondition failed"),

	/** A unique constraint was violated; {@code errors} names the field. */
	DUPLICATE("duplicate", HttpStatus.CONFLICT, "Resource already exists"),

	/** A write conflicts with related rows (foreign key). */
	CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict with related data"),

	/**
	 * The request refers to a related resource that does not exist (unknown authorId,
	 * categoryId…).
	 */
	UNKNOWN_REFERENCE("unknown-reference", HttpStatus.UNPROCESSABLE_CONTENT, "Referenced resource does not exist"),

	/**
	 * The request is well-formed but a business rule refuses it (e.g. too few credits).
	 */
	UNPROCESSABLE("unprocessable", HttpStatus.UNPROCESSABLE_CONTENT, "Request cannot be processed"),

	/** A transfer asks for more credits than the sender has; nothing was changed. */
	INSUFFICIENT_CREDITS("insufficient-credits", HttpStatus.UNPROCESSABLE_CONTENT, "Insufficient credits"),

	/**
	 * An {@code Idempotency-Key} the caller already used for a different request; nothing
	 * was changed.
	 */
	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused"),

	/**
	 * The first request with this {@code Idempotency-Key} is still running; nothing was
	 * changed.
	 */
	IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", HttpStatus.CONFLICT, "Idempotency key in use"),

	/**
	 * The request's body did not arrive whole within
	 * {@code inkwell.http.request-timeout}; the connection is closed after this answer.
	 */
	REQUEST_TIMEOUT("request-timeout", HttpStatus.REQUEST_TIMEOUT, "Request timeout"),

	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),

	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),

	/**
	 * Too many attempts from one client address (login); {@code Retry-After} says when to
	 * try again.
	 */
	TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),

	/** The database is unreachable or the connection pool is exhausted; retry later. */
	UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable"),

	/** Any other status raised by the framework that has no type of its own. */
	HTTP("http", HttpStatus.BAD_REQUEST, "HTTP error"),

	/** A bug or an unforeseen failure; details only in the server log. */
	INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error");

	/** Prefix of every problem type URI. */
	public static final String BASE = "urn:inkwell:problem:";

	private final URI type;

	private final HttpStatus status;

	private final String title;

	ProblemType(String slug, HttpStatus status, String title) {
		this.type = URI.create(BASE + slug);
		this.status = status;
		this.title = title;
	}

	public URI type() {
		return this.type;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

}
