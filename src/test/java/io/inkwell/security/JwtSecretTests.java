package io.inkwell.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JwtSecretTests {

	@ParameterizedTest
	@ValueSource(strings = { "", "secret", "changeme", "0123456789012345678901234567890",
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "secretsecretsecretsecretsecretsecret",
			"abcdefghabcdefghabcdefghabcdefghabcdefgh", "please-CHANGEME-before-going-to-production",
			"your-256-bit-secret-your-256-bit-secret", "this-is-just-an-example-secret-for-the-docs",
			"correct horse battery staple now", "the quick brown fox jumps over it",
			"correct horse battery staple and then some more", "Correct-Horse-Battery-Staple-Is-Not-Random",
			"0f8e1c2a3b4d4e5f8a9b0c1d2e3f4a5b" })
	void refusesShortRepetitiveAndPlaceholderSecrets(String secret) {
		assertThat(JwtSecret.weakness(secret)).hasValueSatisfying((reason) -> {
			assertThat(reason).startsWith("JWT_SECRET ");
			if (!secret.isEmpty()) {
				assertThat(reason).doesNotContain(secret);
			}
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "inkwell-benchmark-jwt-secret-0123456789abcdefghi",
			"q3Jx0e9bC1mW7rTz5kP2vN8aL4yH6sD0fG3jK9uQ2wE=", "q8Zr1vXk3Lp0Tn7YbW2sHc5Jd9Gf4Ma6" })
	void acceptsLongVariedSecrets(String secret) {
		assertThat(JwtSecret.weakness(secret)).isEmpty();
	}

	@Test
	void refusesAPassphraseOfEnglishWordsForItsLowEntropy() {
		// 32 characters of English words: long enough, no placeholder, not a repetition
		String passphrase = "correct horse battery staple now";
		assertThat(passphrase).hasSize(32);
		assertThat(JwtSecret.estimatedEntropyBits(passphrase)).isLessThan(JwtSecret.MIN_ENTROPY_BITS);
		assertThat(JwtSecret.weakness(passphrase))
			.hasValueSatisfying((reason) -> assertThat(reason).startsWith("JWT_SECRET is too predictable: about ")
				.contains("at least 128 needed", "openssl rand -base64 48")
				.doesNotContain(passphrase));
	}

	@RepeatedTest(200)
	void acceptsTheBase64OfThirtyTwoRandomBytesAndOfOpensslRandBase64Of48() {
		SecureRandom random = new SecureRandom();
		byte[] key = new byte[32];
		random.nextBytes(key);
		String base64 = Base64.getEncoder().encodeToString(key);
		assertThat(base64).hasSize(44);
		assertThat(JwtSecret.weakness(base64)).isEmpty();
		byte[] openssl = new byte[48];
		random.nextBytes(openssl);
		assertThat(JwtSecret.weakness(Base64.getEncoder().encodeToString(openssl))).isEmpty();
	}

	@Test
	void countsBytesNotCharacters() {
		// "é" is two bytes in UTF-8
		assertThat(JwtSecret.weakness("é".repeat(15)))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("at least 32 bytes long (it has 30)"));
		assertThat(JwtSecret.weakness("é".repeat(10) + "q8Zr1vXk3Lp0Tn7YbW2s")).isEmpty();
	}

	@Test
	void generatesThirtyTwoRandomBytes() {
		assertThat(JwtSecret.generate()).hasSize(32).isNotEqualTo(JwtSecret.generate());
	}

}
