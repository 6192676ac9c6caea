package io.inkwell.web;

import java.util.Optional;
import java.util.UUID;

import io.inkwell.db.Ids;

import org.springframework.web.reactive.function.server.ServerRequest;

/** Strict parsing of path and query parameters: malformed values are 400 problems, not 500s. */
public final class RequestParameters {

	private RequestParameters() {
	}

	/** A path variable that must be a canonical UUID. */
	public static UUID uuidPath(ServerRequest request, String name) {
		String value = request.pathVariable(name);
		UUID id = Ids.parseOrNull(value);
		if (id == null) {
			throw ProblemException.invalidParameter(name, "must be a UUID");
		}
		return id;
	}

	/**
	 * An optional integer query parameter in {@code [min, max]}; values above {@code cap} are
	 * lowered to it (page sizes are capped, not refused).
	 */
	public static int intQuery(ServerRequest request, String name, int defaultValue, int min, int cap) {
		Optional<String> value = request.queryParam(name);
		if (value.isEmpty() || value.get().isEmpty()) {
			return defaultValue;
		}
		String text = value.get();
		if (!text.matches("-?[0-9]{1,9}")) {
			throw ProblemException.invalidParameter(name, "must be a whole number");
		}
		int number = Integer.parseInt(text);
		if (number < min) {
			throw ProblemException.invalidParameter(name, "must be at least " + min);
		}
		return Math.min(number, cap);
	}

	/** An optional string query parameter; empty counts as absent. */
	public static Optional<String> stringQuery(ServerRequest request, String name) {
		return request.queryParam(name).filter((value) -> !value.isEmpty());
	}

}
