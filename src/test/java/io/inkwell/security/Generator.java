package io.inkwell.security;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A small random-value generator for the generated-input tests: seeded, so a failing case
 * is reproduced by its seed, and biased towards the values that break things (attack
 * strings, odd characters, lone surrogates, NUL, very long strings, wrong JSON types).
 */
final class Generator {

	/** Known attack and edge strings. */
	static final List<String> HOSTILE = List.of("'", "''", "\"", "`", ";", "--", "/*", "*/", "%", "_", "\\", "\\\\",
			"\\'", "%_%", "' OR '1'='1", "' OR 1=1 --", "\"; DROP TABLE users; --", "'); DELETE FROM posts; --",
			"1; SELECT pg_sleep(5)", "$$", "$1", ":id", "?", "\u0000", "a\u0000b", "%00", "\\0", "\n", "\r\n", "\t",
			"é", "ß", "İ", "ΑΣ", "😀", "\uD83D", "\uDE00x", "\u202E", "\uFEFF", "ＡＤＭＩＮ", "${jndi:ldap://x/a}",
			"{{7*7}}", "<script>alert(1)</script>", "null", "NULL", "true", "-1", "0", "2147483648",
			"9223372036854775808", "1e309", "NaN", "-0", " ", "", "..", "../..", "/", "%2F", "+", "&", "=", "#", "*",
			"[]", "{}", "DRAFT", "PUBLISHED", "ADMIN", "relevance", "-publishedAt", "title,body", "author,categories",
			"00000000-0000-0000-0000-000000000000", "+1000000000-01-01T00:00:00Z", "2025-01-31T00:00:00Z");

	/**
	 * Characters that mean something to SQL, LIKE, JSON, URLs or shells, and some that
	 * are merely unusual.
	 */
	static final String SPECIALS = "'\";-%_\\/*()[]{}$:?&=#+ \t\n\u0000éß😀aZ09";

	private final SplittableRandom random;

	Generator(long seed) {
		this.random = new SplittableRandom(seed);
	}

	boolean chance(double probability) {
		return this.random.nextDouble() < probability;
	}

	int between(int min, int max) {
		return this.random.nextInt(min, max + 1);
	}

	<T> T oneOf(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	@SafeVarargs
	final <T> T oneOf(T... values) {
		return values[this.random.nextInt(values.length)];
	}

	/**
	 * One of the suppliers, chosen with the given weights (weight, supplier, weight,
	 * supplier, ...).
	 */
	@SuppressWarnings("unchecked")
	<T> T weighted(Object... weightsAndSuppliers) {
		int total = 0;
		for (int i = 0; i < weightsAndSuppliers.length; i += 2) {
			total += (Integer) weightsAndSuppliers[i];
		}
		int pick = this.random.nextInt(total);
		for (int i = 0; i < weightsAndSuppliers.length; i += 2) {
			pick -= (Integer) weightsAndSuppliers[i];
			if (pick < 0) {
				return ((Supplier<T>) weightsAndSuppliers[i + 1]).get();
			}
		}
		throw new IllegalStateException();
	}

	/**
	 * Up to {@code maxLength} characters from {@code characters} (code points, so emoji
	 * stay whole).
	 */
	String string(String characters, int maxLength) {
		return stringOfLength(characters, between(0, maxLength));
	}

	String stringOfLength(String characters, int length) {
		int[] codePoints = characters.codePoints().toArray();
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.appendCodePoint(codePoints[this.random.nextInt(codePoints.length)]);
		}
		return text.toString();
	}

	/** Any UTF-16 code units at all: controls, private use, lone surrogates. */
	String anyChars(int maxLength) {
		int length = between(0, maxLength);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) (chance(0.5) ? this.random.nextInt(0x80) : this.random.nextInt(0x10000)));
		}
		return text.toString();
	}

	/**
	 * A hostile string: attack strings, odd characters, any characters, combinations, 10
	 * kB.
	 */
	String hostile() {
		return weighted(5, (Supplier<String>) () -> oneOf(HOSTILE), 3, (Supplier<String>) () -> string(SPECIALS, 40), 2,
				(Supplier<String>) () -> anyChars(20), 2, (Supplier<String>) () -> oneOf(HOSTILE) + oneOf(HOSTILE), 1,
				(Supplier<String>) () -> stringOfLength("abcdefghij'%_;-\\", 10_000));
	}

	/**
	 * A JSON value of some other type than a field wants: numbers, booleans, null,
	 * arrays, objects.
	 */
	Object otherJson() {
		return weighted(1, (Supplier<Object>) () -> this.random.nextInt(), 1,
				(Supplier<Object>) () -> this.random.nextDouble() * Math.pow(10, between(-5, 400)), 1,
				(Supplier<Object>) () -> chance(0.5), 1, (Supplier<Object>) () -> null, 1, (Supplier<Object>) () -> {
					List<Object> list = new ArrayList<>();
					for (int i = between(0, 3); i > 0; i--) {
						list.add(hostile());
					}
					return list;
				}, 1, (Supplier<Object>) () -> java.util.Map.of("nested", hostile()));
	}

}
