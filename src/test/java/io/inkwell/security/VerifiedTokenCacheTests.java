package io.inkwell.security;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerifiedTokenCacheTests {

	static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

	final List<String> fullChecks = new ArrayList<>();

	Instant now = NOW;

	final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return VerifiedTokenCacheTests.this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	};

	/**
	 * Accepts "good-*" tokens (expiring 15 minutes after NOW), refuses everything else.
	 */
	final ReactiveJwtDecoder fullCheck = (token) -> {
		this.fullChecks.add(token);
		if (!token.startsWith("good-")) {
			return Mono.error(new BadJwtException("refused " + token));
		}
		return Mono.just(Jwt.withTokenValue(token)
			.header("alg", "HS256")
			.subject(token)
			.issuedAt(NOW)
			.expiresAt(NOW.plusSeconds(900))
			.build());
	};

	final VerifiedTokenCache cache = new VerifiedTokenCache(this.fullCheck, this.clock);

	@Test
	void checksAGoodTokenOnceAndThenAnswersFromTheCache() {
		Jwt first = this.cache.decode("good-a").block();
		Jwt second = this.cache.decode("good-a").block();
		assertThat(second).isSameAs(first);
		assertThat(this.fullChecks).containsExactly("good-a");
	}

	@Test
	void anyOtherTokenStringGetsTheFullCheck() {
		this.cache.decode("good-a").block();
		this.cache.decode("good-b").block();
		assertThat(this.fullChecks).containsExactly("good-a", "good-b");
	}

	@Test
	void neverCachesARefusal() {
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode("forged").block());
		}
		assertThat(this.fullChecks).containsExactly("forged", "forged");
	}

	@Test
	void sendsAnExpiredTokenBackToTheFullCheck() {
		this.cache.decode("good-a").block();
		this.now = NOW.plusSeconds(900);
		this.cache.decode("good-a").block();
		assertThat(this.fullChecks).containsExactly("good-a", "good-a");
	}

}
