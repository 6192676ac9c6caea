package io.inkwell.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.inkwell.db.Ids;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Strict parsing of path and query parameters: malformed values are 400 problems, not
 * 500s.
 */
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
	 * An optional integer query parameter in {@code [min, max]}; values above {@code cap}
	 * are lowered to it (page sizes are capped, not refused).
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

	/**
	 * An optional list query parameter, in either form clients send: comma-separated
	 * ({@code include=author,categories}), repeated
	 * ({@code include=author&include=categories}), or both mixed; the names in the order
	 * given. Absent, or a single empty value, is empty.
	 * @throws ProblemException 400 naming the parameter for an empty entry ({@code a,,b},
	 * {@code a&name=})
	 */
	public static Optional<List<String>> listQuery(ServerRequest request, String name) {
		List<String> values = request.queryParams().get(name);
		if (values == null || values.isEmpty() || (values.size() == 1 && values.get(0).isEmpty())) {
			return Optional.empty();
		}
		List<String> names = new ArrayList<>();
		for (String value : values) {
			for (String part : value.split(",", -1)) {
				String entry = part.strip();
				if (entry.isEmpty()) {
					throw ProblemException.invalidParameter(name,
							"must be a list of names, comma-separated or repeated, without empty entries");
				}
				names.add(entry);
			}
		}
		return Optional.of(names);
	}

}
