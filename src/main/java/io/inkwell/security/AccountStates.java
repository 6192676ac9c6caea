package io.inkwell.security;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The account behind a verified token, checked on every authenticated request: the role
 * used is the database's, not the token's; a soft-deleted or missing user, or a token of
 * an older token version (revoked), is refused as an invalid token (401). States are
 * cached per user for {@link #TTL}, so a change made by another process takes effect
 * there within that time; the process that makes a change calls {@link #evict} once it is
 * committed, and it takes effect there at once. A cache hit is one map lookup.
 */
@Component
public class AccountStates {

	/**
	 * How long a state is used before it is read again; changes elsewhere wait this long.
	 */
	static final Duration TTL = Duration.ofSeconds(4);

	static final int MAX_ENTRIES = 100_000;

	private static final OAuth2Error REVOKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"the token was revoked or its account no longer exists", null);

	private final AuthRepository accounts;

	private final Cache<UUID, AccountState> states = Caffeine.newBuilder()
		.maximumSize(MAX_ENTRIES)
		.expireAfterWrite(TTL)
		.build();

	/**
	 * Counts evictions: a state read from the database is cached only if no eviction
	 * happened while it was read (it may be older than the change that evicted).
	 */
	private final AtomicLong evictions = new AtomicLong();

	AccountStates(AuthRepository accounts) {
		this.accounts = accounts;
	}

	/**
	 * The authentication of a verified token, with the account's current role; an
	 * {@link OAuth2AuthenticationException} ({@code invalid_token}) when the account is
	 * gone, soft-deleted or the token revoked.
	 */
	Mono<ActorAuthentication> authenticate(Jwt jwt) {
		Actor claimed = ActorClaimsValidator.toActor(jwt);
		if (claimed == null) {
			return Mono.error(new OAuth2AuthenticationException(REVOKED));
		}
		int version = TokenIssuer.versionOf(jwt);
		return state(claimed.id()).flatMap((state) -> (state.live() && state.tokenVersion() == version)
				? Mono.just(new ActorAuthentication(new Actor(claimed.id(), state.role())))
				: Mono.error(new OAuth2AuthenticationException(REVOKED)));
	}

	/** Forgets the user's state; call it after a change to the user is committed. */
	public void evict(UUID userId) {
		this.evictions.incrementAndGet();
		this.states.invalidate(userId);
	}

	private Mono<AccountState> state(UUID userId) {
		AccountState known = this.states.getIfPresent(userId);
		if (known != null) {
			return Mono.just(known);
		}
		long seen = this.evictions.get();
		return this.accounts.findAccountState(userId).defaultIfEmpty(AccountState.GONE).doOnNext((state) -> {
			if (this.evictions.get() == seen) {
				this.states.put(userId, state);
			}
		});
	}

}
