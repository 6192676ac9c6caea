package io.inkwell.web;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Strong {@code ETag}s and conditional reads (RFC 9110 §8.8.3, §13.1.2). A {@code GET}
 * (and so a {@code HEAD}, see {@link HeadAsGet}) answered 200 with a body written in one
 * piece (every JSON answer: single resources and list pages) gets an entity tag made from
 * a hash of the body bytes; Spring's {@link ServerWebExchange#checkNotModified(String)}
 * then compares it with {@code If-None-Match} and turns the answer into a 304 without a
 * body. A streamed body (the export) gets no tag, and a handler that sets its own
 * {@code ETag} (the API documents) keeps it.
 * <p>
 * A single resource that can be changed conditionally says its row version (the row's
 * {@code updated_at}, to the microsecond) with {@link #version(ServerRequest, Instant)};
 * its tag is then {@code "<version>-<hash>"}, also on the 200 of a {@code PATCH} or
 * {@code PUT}, so that {@link IfMatch} can read the version back out of an
 * {@code If-Match} and the write can check it in its own statement. The hash keeps the
 * tag strong: two bodies that differ (another caller's view of the same row, a renamed
 * author) never share a tag.
 * <p>
 * Cost per tagged answer: one SHA-256 pass over the body, which Jackson already wrote
 * into one buffer (no copy), and the tag's 40-odd characters.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class EntityTags implements WebFilter {

	/** The exchange attribute holding the row version of a single resource. */
	static final String VERSION = EntityTags.class.getName() + ".version";

	private static final MessageDigest SHA_256;

	static {
		try {
			SHA_256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Bytes of the SHA-256 kept in a tag: 96 bits. */
	private static final int HASH_BYTES = 12;

	private static final HexFormat HEX = HexFormat.of();

	private final ProblemHandler problems;

	EntityTags(ProblemHandler problems) {
		this.problems = problems;
	}

	/**
	 * Marks the answer as a single resource whose row was last changed at
	 * {@code updatedAt}; its entity tag then carries that version for {@code If-Match}.
	 */
	public static void version(ServerRequest request, Instant updatedAt) {
		request.attributes().put(VERSION, updatedAt);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpMethod method = exchange.getRequest().getMethod();
		if (method != HttpMethod.GET && method != HttpMethod.PATCH && method != HttpMethod.PUT) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().response(new Tagging(exchange, this.problems)).build());
	}

	/** The filter's name in WebFlux's checkpoint on every request. */
	@Override
	public String toString() {
		return "EntityTags";
	}

	/** {@code "<version>-<hash>"}, or {@code "<hash>"} without a version. */
	static String tag(Instant version, DataBuffer body) {
		MessageDigest digest;
		try {
			digest = (MessageDigest) SHA_256.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
		try (DataBuffer.ByteBufferIterator buffers = body.readableByteBuffers()) {
			while (buffers.hasNext()) {
				ByteBuffer buffer = buffers.next();
				digest.update(buffer);
			}
		}
		String hash = HEX.formatHex(digest.digest(), 0, HASH_BYTES);
		return (version != null) ? "\"" + IfMatch.micros(version) + "-" + hash + "\"" : "\"" + hash + "\"";
	}

	/** Tags a body written in one piece; passes everything else through. */
	private static final class Tagging extends ServerHttpResponseDecorator {

		private final ServerWebExchange exchange;

		private final ProblemHandler problems;

		Tagging(ServerWebExchange exchange, ProblemHandler problems) {
			super(exchange.getResponse());
			this.exchange = exchange;
			this.problems = problems;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			if (!(body instanceof Mono<? extends DataBuffer> single) || !taggable()) {
				return super.writeWith(body);
			}
			return single.flatMap((buffer) -> {
				Instant version = this.exchange.getAttribute(VERSION);
				String tag = tag(version, buffer);
				if (this.exchange.getRequest().getMethod() != HttpMethod.GET) {
					getHeaders().setETag(tag);
					return super.writeWith(Mono.just(buffer));
				}
				// sets the ETag, and 304 (If-None-Match) or 412 (If-Match) when a
				// condition
				// says so
				if (!this.exchange.checkNotModified(tag)) {
					return super.writeWith(Mono.just(buffer));
				}
				DataBufferUtils.release(buffer);
				HttpHeaders headers = getHeaders();
				headers.remove(HttpHeaders.CONTENT_TYPE);
				headers.remove(HttpHeaders.CONTENT_LENGTH);
				if (getStatusCode() == HttpStatus.PRECONDITION_FAILED) {
					headers.remove(HttpHeaders.ETAG);
					return this.problems.handle(this.exchange, IfMatch.failed());
				}
				return setComplete();
			});
		}

		private boolean taggable() {
			HttpStatusCode status = getStatusCode();
			if (this.exchange.getRequest().getMethod() == HttpMethod.GET) {
				// a handler that chose its own tag (the API documents) keeps it
				return (status == null || status.value() == HttpStatus.OK.value())
						&& !getHeaders().containsHeader(HttpHeaders.ETAG);
			}
			return status != null && status.is2xxSuccessful() && this.exchange.getAttribute(VERSION) != null;
		}

	}

}
