package io.inkwell.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Remembers tokens that passed the full check (signature, algorithm, issuer, claims)
 * until they expire, so that a client that sends the same token on every request pays for
 * the HMAC, the JSON parsing and the claim conversion once.
 * <p>
 * Safe because the key is the whole token string: a token that differs in any byte
 * (another signature, a tampered claim) is another key and goes through the full check.
 * An entry is used only while its {@code exp} has not passed — without the clock skew the
 * full check allows, so a token near its end is checked again, by the full rules.
 * Failures are never cached. Bounded in size; entries also leave after {@link #MAX_AGE}.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

	static final int MAX_ENTRIES = 10_000;

	static final Duration MAX_AGE = Duration.ofMinutes(10);

	private final ReactiveJwtDecoder delegate;

	private final Clock clock;

	private final Cache<String, Jwt> verified;

	VerifiedTokenCache(ReactiveJwtDecoder delegate, Clock clock) {
		this.delegate = delegate;
		this.clock = clock;
		this.verified = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(MAX_AGE).build();
	}

	@Override
	public Mono<Jwt> decode(String token) {
		Jwt known = this.verified.getIfPresent(token);
		if (known != null) {
			if (unexpired(known)) {
				return Mono.just(known);
			}
			this.verified.invalidate(token);
		}
		return this.delegate.decode(token).doOnNext((jwt) -> {
			if (unexpired(jwt)) {
				this.verified.put(token, jwt);
			}
		});
	}

	private boolean unexpired(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		return expiresAt != null && this.clock.instant().isBefore(expiresAt);
	}

}
