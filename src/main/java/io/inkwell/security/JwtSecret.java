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
 * short pattern repeated (e.g. {@code aaaa…}, {@code secretsecret…}), and no known
 * placeholder ({@code changeme}, {@code your-256-bit-secret}, …). Messages never contain
 * the secret.
 */
public final class JwtSecret {

	/** Shortest accepted secret, in UTF-8 bytes. */
	public static final int MIN_BYTES = 32;

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
		return Optional.empty();
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
