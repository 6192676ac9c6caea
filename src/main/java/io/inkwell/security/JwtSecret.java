package io.inkwell.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules a {@code JWT_SECRET} must meet, checked by {@code InkwellApplication.main}
 * before anything starts and again when the security configuration is built: at least
 * {@value #MIN_BYTES} bytes (HMAC-SHA256 wants a key as long as its output), not one
 * short pattern repeated (e.g. {@code aaaa…}, {@code secretsecret…}), no known
 * placeholder ({@code changeme}, {@code your-256-bit-secret}, …), and an estimated
 * entropy of at least {@value #MIN_ENTROPY_BITS} bits ({@link #estimatedEntropyBits}).
 * Messages never contain the secret.
 */
public final class JwtSecret {

	/** Shortest accepted secret, in UTF-8 bytes. */
	public static final int MIN_BYTES = 32;

	/** Least estimated entropy of an accepted secret, in bits. */
	public static final int MIN_ENTROPY_BITS = 128;

	/**
	 * Bits per character credited to text made only of letters and word separators:
	 * natural-language text carries about 1 to 2 bits per letter (Shannon's estimates for
	 * English), so a passphrase needs 64 such characters.
	 */
	private static final double WORDS_BITS_PER_CHARACTER = 2.0;

	/** A secret made of a pattern this short, repeated, is refused. */
	private static final int MAX_REPEATED_PATTERN = 8;

	/** Phrases found in example configurations and tutorials, compared without case. */
	private static final List<String> PLACEHOLDERS = List.of("changeme", "change-me", "change_me", "change me",
			"changeit", "replaceme", "replace-me", "replace_me", "your-256-bit-secret", "your_256_bit_secret",
			"your-secret", "your_secret", "yoursecret", "my-secret-key", "mysecretkey", "placeholder", "insecure",
			"not-a-secret", "do-not-use", "example", "0123456789abcdef0123456789abcdef", "xxxxxxxx");

	private JwtSecret() {
	}

	/**
	 * Why {@code secret} is not acceptable, or empty when it is.
	 * @param secret the configured value (not null)
	 */
	public static Optional<String> weakness(String secret) {
		int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
		if (bytes < MIN_BYTES) {
			return Optional.of("JWT_SECRET must be at least " + MIN_BYTES + " bytes long (it has " + bytes
					+ "); generate one with: openssl rand -base64 48");
		}
		String folded = secret.toLowerCase(Locale.ROOT);
		if (isRepetition(folded)) {
			return Optional.of("JWT_SECRET is one short pattern repeated; use " + MIN_BYTES
					+ "+ random bytes, e.g. openssl rand -base64 48");
		}
		for (String placeholder : PLACEHOLDERS) {
			if (folded.contains(placeholder)) {
				return Optional.of("JWT_SECRET contains a known placeholder (\"" + placeholder + "\"); use " + MIN_BYTES
						+ "+ random bytes, e.g. openssl rand -base64 48");
			}
		}
		long bits = Math.round(Math.floor(estimatedEntropyBits(secret)));
		if (bits < MIN_ENTROPY_BITS) {
			return Optional.of("JWT_SECRET is too predictable: about " + bits + " bits of entropy, at least "
					+ MIN_ENTROPY_BITS + " needed; generate one with: openssl rand -base64 48");
		}
		return Optional.empty();
	}

	/**
	 * A conservative estimate of the secret's entropy: its length in UTF-8 bytes times
	 * the Shannon entropy of its byte frequencies (what the secret shows of its
	 * alphabet), and for text of letters and separators only (a passphrase) at most
	 * {@value #WORDS_BITS_PER_CHARACTER} bits per character. A base64 encoding of 32
	 * random bytes scores about 190 bits or more; {@code openssl rand -base64 48} about
	 * 330.
	 */
	public static double estimatedEntropyBits(String secret) {
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		int[] counts = new int[256];
		for (byte b : bytes) {
			counts[b & 0xff]++;
		}
		double perByte = 0;
		for (int count : counts) {
			if (count > 0) {
				double p = (double) count / bytes.length;
				perByte -= p * (Math.log(p) / Math.log(2));
			}
		}
		double shannon = perByte * bytes.length;
		return isWords(secret) ? Math.min(shannon, WORDS_BITS_PER_CHARACTER * secret.length()) : shannon;
	}

	/** Letters and word separators only: space, '-', '_', '.', ','. */
	private static boolean isWords(String text) {
		return text.codePoints().allMatch((c) -> Character.isLetter(c) || " -_.,".indexOf(c) >= 0);
	}

	/**
	 * {@value #MIN_BYTES} random bytes, for a process without a configured secret (dev
	 * mode).
	 */
	public static byte[] generate() {
		byte[] key = new byte[MIN_BYTES];
		new SecureRandom().nextBytes(key);
		return key;
	}

	private static boolean isRepetition(String text) {
		for (int period = 1; period <= MAX_REPEATED_PATTERN && period < text.length(); period++) {
			boolean repeats = true;
			for (int i = period; i < text.length() && repeats; i++) {
				repeats = text.charAt(i) == text.charAt(i - period);
			}
			if (repeats) {
				return true;
			}
		}
		return false;
	}

}
