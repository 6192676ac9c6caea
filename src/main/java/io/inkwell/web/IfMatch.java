package io.inkwell.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.ETag;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The {@code If-Match} of a {@code PATCH}, {@code PUT} or {@code DELETE} (RFC 9110
 * §13.1.1), as the row versions ({@code updated_at}) the write may still apply to. The
 * repositories check them in the write's own statement
 * ({@code AND (CAST(:ifMatch AS timestamptz[]) IS NULL OR updated_at = ANY(...))}, see
 * {@link #versions()}), so of two writers holding the same tag only the first changes the
 * row; the other gets 412 and changes nothing.
 * <p>
 * Absent, or {@code *}: no version condition (the write already needs the row to exist).
 * Otherwise the strong tags of {@link EntityTags}' form {@code "<version>-<hash>"}; a
 * weak or foreign tag matches nothing.
 *
 * @param versions the versions, as timestamps PostgreSQL reads; null for no condition
 */
public record IfMatch(String[] versions) {

	private static final IfMatch NONE = new IfMatch(null);

	public static IfMatch of(ServerRequest request) {
		List<String> values = request.headers().header(HttpHeaders.IF_MATCH);
		if (values.isEmpty()) {
			return NONE;
		}
		List<String> versions = new ArrayList<>();
		for (String value : values) {
			for (ETag tag : ETag.parse(value)) {
				if (tag.isWildcard()) {
					return NONE;
				}
				Instant version = tag.weak() ? null : version(tag.tag());
				if (version != null) {
					versions.add(version.toString());
				}
			}
		}
		return new IfMatch(versions.toArray(String[]::new));
	}

	/** Binds {@code :ifMatch}: the versions as {@code text[]}, or null. */
	public GenericExecuteSpec bind(GenericExecuteSpec spec) {
		return (this.versions != null) ? spec.bind("ifMatch", this.versions) : spec.bindNull("ifMatch", String[].class);
	}

	/** Whether the write is conditional: a miss then means 412 rather than 404. */
	public boolean conditional() {
		return this.versions != null;
	}

	/**
	 * The 412 of a write whose {@code If-Match} names no current version, when the
	 * resource exists; else the write's own 404.
	 */
	public <T> Mono<T> failed(Mono<Boolean> exists, ProblemException notFound) {
		return exists.defaultIfEmpty(false).flatMap((found) -> Mono.error(found ? failed() : notFound));
	}

	static ProblemException failed() {
		return new ProblemException(ProblemType.PRECONDITION_FAILED,
				"If-Match names no current version of the resource: it changed since it was read; read it again");
	}

	/** Microseconds since the epoch: the precision of a PostgreSQL timestamp. */
	static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
	}

	private static Instant version(String tag) {
		int dash = tag.indexOf('-');
		if (dash < 1 || dash > 20) {
			return null;
		}
		try {
			long micros = Long.parseLong(tag, 0, dash, 10);
			return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
		}
		catch (NumberFormatException | java.time.DateTimeException ex) {
			return null;
		}
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof IfMatch that && java.util.Arrays.equals(this.versions, that.versions);
	}

	@Override
	public int hashCode() {
		return java.util.Arrays.hashCode(this.versions);
	}

	@Override
	public String toString() {
		return "IfMatch" + java.util.Arrays.toString(this.versions);
	}

}
