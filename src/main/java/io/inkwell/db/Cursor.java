package io.inkwell.db;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset-pagination cursors: the sort key values of the last row of a page, joined
 * and base64url-encoded. Clients must treat them as opaque; the server decodes them
 * strictly and answers a tampered cursor with 400, never with a database error.
 */
public final class Cursor {

	private static final char SEPARATOR = '|';

	/**
	 * Longest cursor accepted: a key of 1200 UTF-8 bytes (a 300-character title) plus an
	 * id, base64-encoded, stays below it.
	 */
	public static final int MAX_LENGTH = 2048;

	/**
	 * Earliest and latest instant a cursor may hold: what PostgreSQL and the driver
	 * handle, and more than enough.
	 */
	private static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

	private Cursor() {
	}

	/**
	 * An instant from a decoded cursor part. A forged cursor can name any instant that
	 * {@link Instant#parse} accepts, up to the year 1,000,000,000, which the driver
	 * cannot encode.
	 * @throws IllegalArgumentException when the text is not an instant in the years 1 to
	 * 9999
	 */
	public static Instant instant(String text) {
		try {
			Instant instant = Instant.parse(text);
			if (!instant.isBefore(MIN_INSTANT) && !instant.isAfter(MAX_INSTANT)) {
				return instant;
			}
		}
		catch (DateTimeException ex) {
			// fall through
		}
		throw new IllegalArgumentException("cursor is not valid");
	}

	/** Encodes the key parts; parts must not contain {@code '|'}. */
	public static String encode(List<String> parts) {
		String joined = String.join(String.valueOf(SEPARATOR), parts);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Decodes a cursor made by {@link #encode}.
	 * @param expectedParts how many key parts the caller's ordering has
	 * @throws IllegalArgumentException when the cursor is not one of ours
	 */
	public static List<String> decode(String cursor, int expectedParts) {
		if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("cursor is not valid");
		}
		String joined;
		try {
			joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("cursor is not valid");
		}
		List<String> parts = List.of(joined.split("\\|", -1));
		if (parts.size() != expectedParts) {
			throw new IllegalArgumentException("cursor is not valid");
		}
		return parts;
	}

}
