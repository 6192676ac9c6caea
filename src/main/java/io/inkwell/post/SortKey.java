package io.inkwell.post;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import io.inkwell.db.Cursor;
import io.inkwell.db.Ids;
import io.inkwell.web.ProblemException;

/**
 * The keyset position a cursor names: the sort key value (null for a never-published
 * post) and the id of the last row of the previous page. The cursor also names its
 * ordering, so that a cursor is never applied to a list sorted another way.
 */
record SortKey(PostSort sort, Object value, UUID id) {

	private static final String NULL = "-";

	static SortKey of(PostSort sort, PostRow row) {
		return new SortKey(sort, sort.keyOf(row), row.post().id());
	}

	/**
	 * The opaque cursor: ordering, typed value, id. Strings escape {@code %} and the
	 * separator {@code |} only, so a 300-character title stays within the cursor size
	 * limit.
	 */
	String encode() {
		String encoded;
		if (this.value == null) {
			encoded = NULL;
		}
		else if (this.value instanceof String text) {
			encoded = "s" + text.replace("%", "%25").replace("|", "%7C");
		}
		else if (this.value instanceof Instant instant) {
			encoded = "t" + instant;
		}
		else {
			encoded = "r" + Float.toString((Float) this.value);
		}
		return Cursor.encode(List.of(this.sort.token(), encoded, this.id.toString()));
	}

	/**
	 * @throws ProblemException 400 when the cursor is not one this server issued for
	 * {@code sort}
	 */
	static SortKey decode(String cursor, PostSort sort) {
		try {
			List<String> parts = Cursor.decode(cursor, 3);
			UUID id = Ids.parseOrNull(parts.get(2));
			String encoded = parts.get(1);
			if (!parts.get(0).equals(sort.token())) {
				throw ProblemException.invalidParameter("cursor", "was issued for another sort order");
			}
			if (id != null && !encoded.isEmpty()) {
				Object value = decodeValue(encoded, sort);
				if (value != null || (encoded.equals(NULL) && sort.nullable())) {
					return new SortKey(sort, value, id);
				}
			}
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			// fall through: the client gets one message whatever was wrong with it
		}
		throw ProblemException.invalidParameter("cursor", "is not a cursor this server issued");
	}

	private static Object decodeValue(String encoded, PostSort sort) {
		char tag = encoded.charAt(0);
		String rest = encoded.substring(1);
		Class<?> type = sort.keyType();
		if (tag == 's' && type == String.class) {
			return unescape(rest);
		}
		if (tag == 't' && type == Instant.class) {
			return Cursor.instant(rest);
		}
		if (tag == 'r' && type == Float.class) {
			float rank = Float.parseFloat(rest);
			return Float.isFinite(rank) ? rank : null;
		}
		return null;
	}

	private static String unescape(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '%') {
				out.append(c);
			}
			else if (text.startsWith("%25", i)) {
				out.append('%');
				i += 2;
			}
			else if (text.startsWith("%7C", i)) {
				out.append('|');
				i += 2;
			}
			else {
				throw new IllegalArgumentException("cursor is not valid");
			}
		}
		return out.toString();
	}

}
