package io.inkwell.db;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUIDv7 identifiers (RFC 9562), made by the application so that ids are known before the
 * row is written and sort by creation time. Within one process they are strictly
 * increasing: the 12-bit {@code rand_a} field holds a counter that continues the
 * millisecond timestamp (RFC 9562 §6.2, method 1), so ids made in the same millisecond
 * still sort in creation order — the users' cursor pagination relies on that.
 * <p>
 * The 62 random bits come from {@link ThreadLocalRandom}: ids are public and need to be
 * unique, not secret, and a {@code SecureRandom} may block on an event-loop thread.
 */
public final class Ids {

	/**
	 * Milliseconds since the epoch shifted left by 12, plus the in-millisecond counter.
	 */
	private static final AtomicLong LAST = new AtomicLong();

	private Ids() {
	}

	/** A new, never before returned UUIDv7. */
	public static UUID next() {
		long now = System.currentTimeMillis() << 12;
		long stamp = LAST.updateAndGet((last) -> Math.max(now, last + 1));
		long millis = stamp >>> 12;
		long counter = stamp & 0xFFF;
		long most = (millis << 16) | 0x7000L | counter;
		long least = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least);
	}

	/**
	 * Parses a UUID in its canonical 36-character form only; {@link UUID#fromString} also
	 * accepts forms such as {@code 1-1-1-1-1}, which are not ids of ours.
	 * @return the UUID, or {@code null} when {@code text} is not a canonical UUID
	 */
	public static UUID parseOrNull(String text) {
		if (text == null || text.length() != 36) {
			return null;
		}
		for (int i = 0; i < 36; i++) {
			char c = text.charAt(i);
			boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
			if (dash ? c != '-' : Character.digit(c, 16) < 0) {
				return null;
			}
		}
		return UUID.fromString(text);
	}

}
