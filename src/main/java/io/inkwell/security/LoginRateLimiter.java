package io.inkwell.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemType;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Login, sign-up and e-mail change attempts, limited per client address and per account
 * (the e-mail, normalised): a Bucket4j token bucket per address and one per e-mail, each
 * holding {@code loginAttempts} attempts, refilled evenly over {@code loginPeriod}. The
 * client address is the TCP peer's, or the forwarded one when the peer is a trusted proxy
 * ({@link ClientAddress}). Buckets are kept for the {@code loginClients} most recently
 * seen addresses and as many e-mails, so memory stays bounded. In-process: with N
 * replicas a client gets N times the attempts (a shared Bucket4j backend would fix that).
 */
@Component
public class LoginRateLimiter {

	private final Bandwidth limit;

	private final ClientAddress clientAddress;

	private final Map<String, Bucket> addresses;

	private final Map<String, Bucket> accounts;

	LoginRateLimiter(SecurityProperties properties) {
		this.limit = Bandwidth.builder()
			.capacity(properties.loginAttempts())
			.refillGreedy(properties.loginAttempts(), properties.loginPeriod())
			.build();
		this.clientAddress = new ClientAddress(properties.trustedProxies());
		this.addresses = boundedMap(properties.loginClients());
		this.accounts = boundedMap(properties.loginClients());
	}

	/**
	 * Takes one attempt from the client address's bucket; a 429 problem (with
	 * {@code Retry-After}) when it is empty.
	 */
	public void limitAddress(ServerRequest request) {
		refuseIfWaiting(tryAcquire(this.addresses, this.clientAddress.of(request)), "from this address");
	}

	/**
	 * Takes one attempt from the account's bucket (the e-mail, normalised); a 429 problem
	 * when it is empty.
	 */
	public void limitAccount(String email) {
		refuseIfWaiting(tryAcquire(this.accounts, email.strip().toLowerCase(Locale.ROOT)), "for this account");
	}

	/** Takes one attempt from the address's bucket (tests). */
	Duration tryAcquire(String clientAddress) {
		return tryAcquire(this.addresses, clientAddress);
	}

	/**
	 * Takes one attempt from the key's bucket.
	 * @return zero when allowed, else how long to wait until the next attempt is allowed
	 */
	private Duration tryAcquire(Map<String, Bucket> buckets, String key) {
		Bucket bucket;
		synchronized (buckets) {
			bucket = buckets.computeIfAbsent(key, (absent) -> Bucket.builder().addLimit(this.limit).build());
		}
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	private static void refuseIfWaiting(Duration wait, String where) {
		if (!wait.isZero()) {
			long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
			ProblemException tooMany = new ProblemException(ProblemType.TOO_MANY_REQUESTS,
					"too many login attempts " + where + "; retry in " + seconds + " s");
			tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			throw tooMany;
		}
	}

	/** Access-ordered: the least recently seen key is forgotten first. */
	private static Map<String, Bucket> boundedMap(int maxEntries) {
		return new LinkedHashMap<>(1024, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > maxEntries;
			}
		};
	}

}
