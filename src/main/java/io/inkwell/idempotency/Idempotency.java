package io.inkwell.idempotency;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.inkwell.security.Actor;
import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The {@code Idempotency-Key} request header (IETF draft
 * {@code draft-ietf-httpapi-idempotency-key-header}) for write routes. With a key, the
 * route runs in one transaction that first takes the key (a transaction-scoped advisory
 * lock on caller and key), then either replays the answer stored for it or runs the route
 * and stores its answer before the commit: the effect and the record commit together or
 * not at all, on any instance. The same key with another request (method, path, query or
 * body) is a 422, a key whose first request is still running a 409; both change nothing.
 * Only successful answers are stored: a refused request leaves no record, and a retry
 * runs again. Keys are per caller and kept for {@link IdempotencyProperties#retention()}.
 * Without the header the route runs as it always did.
 */
@Component
public class Idempotency {

	/** The request header. */
	public static final String HEADER = "Idempotency-Key";

	/** Response header set on a replayed answer. */
	public static final String REPLAYED_HEADER = "Idempotent-Replayed";

	/** Longest key accepted. */
	public static final int MAX_KEY_LENGTH = 255;

	private final IdempotencyRepository keys;

	private final TransactionalOperator transactional;

	private final JsonMapper json;

	private final IdempotencyProperties properties;

	Idempotency(IdempotencyRepository keys, TransactionalOperator transactional, JsonMapper json,
			IdempotencyProperties properties) {
		this.keys = keys;
		this.transactional = transactional;
		this.json = json;
		this.properties = properties;
	}

	/**
	 * Runs {@code route} for {@code request}, under the request's idempotency key when it
	 * has one. {@code route} must read the request it is given (its body is buffered here
	 * to be hashed) and do every write through the reactive transaction it runs in.
	 */
	public Mono<ServerResponse> handle(ServerRequest request, Function<ServerRequest, Mono<Answer>> route) {
		List<String> values = request.headers().header(HEADER);
		if (values.isEmpty()) {
			return route.apply(request).flatMap(Idempotency::respond);
		}
		String key = validKey(values);
		return Actor.of(request).flatMap((actor) -> {
			if (!actor.isAuthenticated()) {
				// every keyed route requires a caller; the route refuses this one as it
				// would without a key
				return route.apply(request).flatMap(Idempotency::respond);
			}
			return request.bodyToMono(byte[].class)
				.defaultIfEmpty(new byte[0])
				.flatMap((body) -> keyed(actor.id(), key, hash(request, body), withBody(request, body), route));
		});
	}

	private Mono<ServerResponse> keyed(UUID caller, String key, byte[] requestHash, ServerRequest request,
			Function<ServerRequest, Mono<Answer>> route) {
		Mono<Outcome> once = this.keys.tryLock(caller, key).flatMap((locked) -> {
			if (!locked) {
				return Mono.error(new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
						"a request with this Idempotency-Key is still being processed; retry it later"));
			}
			return this.keys.findLive(caller, key, this.properties.retention())
				.flatMap((stored) -> MessageDigest.isEqual(stored.requestHash(), requestHash)
						? Mono.just(new Outcome(stored, true))
						: Mono.error(new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
								"this Idempotency-Key was used for a different request; use a new key")))
				.switchIfEmpty(Mono.defer(() -> route.apply(request).flatMap((answer) -> {
					StoredAnswer stored = store(requestHash, answer);
					return this.keys.save(caller, key, stored).thenReturn(new Outcome(stored, false));
				})));
		});
		return once.as(this.transactional::transactional).flatMap(Idempotency::respond);
	}

	private StoredAnswer store(byte[] requestHash, Answer answer) {
		byte[] body = this.json.writeValueAsBytes(answer.body());
		String location = (answer.location() != null) ? answer.location().toString() : null;
		return new StoredAnswer(requestHash, answer.status().value(), location, MediaType.APPLICATION_JSON_VALUE, body);
	}

	private static Mono<ServerResponse> respond(Answer answer) {
		ServerResponse.BodyBuilder builder = ServerResponse.status(answer.status());
		if (answer.location() != null) {
			builder.location(answer.location());
		}
		return builder.bodyValue(answer.body());
	}

	private static Mono<ServerResponse> respond(Outcome outcome) {
		StoredAnswer stored = outcome.answer();
		ServerResponse.BodyBuilder builder = ServerResponse.status(HttpStatusCode.valueOf(stored.status()));
		if (stored.location() != null) {
			builder.location(URI.create(stored.location()));
		}
		if (stored.contentType() != null) {
			builder.contentType(MediaType.parseMediaType(stored.contentType()));
		}
		if (outcome.replayed()) {
			builder.header(REPLAYED_HEADER, "true");
		}
		return builder.bodyValue(stored.body());
	}

	/**
	 * One key, 1 to {@value #MAX_KEY_LENGTH} printable ASCII characters (the draft makes
	 * it a structured-field string).
	 */
	private static String validKey(List<String> values) {
		if (values.size() != 1) {
			throw ProblemException.invalidParameter(HEADER, "must be given once");
		}
		String key = values.get(0);
		if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
			throw ProblemException.invalidParameter(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				throw ProblemException.invalidParameter(HEADER, "must be printable ASCII characters");
			}
		}
		return key;
	}

	/** SHA-256 of method, path, query and body: what makes two requests the same. */
	private static byte[] hash(ServerRequest request, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			String query = request.uri().getRawQuery();
			String target = request.method().name() + ' ' + request.uri().getRawPath()
					+ ((query != null) ? "?" + query : "") + '\n';
			digest.update(target.getBytes(StandardCharsets.UTF_8));
			digest.update(body);
			return digest.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform has SHA-256
			throw new IllegalStateException(ex);
		}
	}

	/** The request again, its body the buffered bytes (the original body is consumed). */
	private static ServerRequest withBody(ServerRequest request, byte[] body) {
		byte[] copy = Arrays.copyOf(body, body.length);
		return ServerRequest.from(request)
			.body(Flux.defer(() -> Flux.<DataBuffer>just(DefaultDataBufferFactory.sharedInstance.wrap(copy))))
			.build();
	}

	private record Outcome(StoredAnswer answer, boolean replayed) {
	}

}
