package io.inkwell.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JwtSecretTests {

	@ParameterizedTest
	@ValueSource(strings = { "", "secret", "changeme", "0123456789012345678901234567890",
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "secretsecretsecretsecretsecretsecret",
			"abcdefghabcdefghabcdefghabcdefghabcdefgh", "please-CHANGEME-before-going-to-production",
			"your-256-bit-secret-your-256-bit-secret", "this-is-just-an-example-secret-for-the-docs" })
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
			"q3Jx0e9bC1mW7rTz5kP2vN8aL4yH6sD0fG3jK9uQ2wE=", "correct horse battery staple and then some more" })
	void acceptsLongVariedSecrets(String secret) {
		assertThat(JwtSecret.weakness(secret)).isEmpty();
	}

	@Test
	void countsBytesNotCharacters() {
		// "é" is two bytes in UTF-8
		assertThat(JwtSecret.weakness("é".repeat(15)))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("at least 32 bytes long (it has 30)"));
		assertThat(JwtSecret.weakness("é".repeat(10) + "0123456789ab")).isEmpty();
	}

	@Test
	void generatesThirtyTwoRandomBytes() {
		assertThat(JwtSecret.generate()).hasSize(32).isNotEqualTo(JwtSecret.generate());
	}

}
