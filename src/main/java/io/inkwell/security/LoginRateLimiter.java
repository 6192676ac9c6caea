package io.inkwell.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.stereotype.Component;

/**
 * Login and sign-up attempts per client address: a Bucket4j token bucket per address
 * holding {@code loginAttempts} attempts, refilled evenly over {@code loginPeriod}.
 * Buckets are kept for the {@code loginClients} most recently seen addresses, so memory
 * stays bounded. In-process: with N replicas a client gets N times the attempts (a shared
 * Bucket4j backend would fix that).
 */
@Component
class LoginRateLimiter {

	private final Bandwidth limit;

	private final Map<String, Bucket> buckets;

	LoginRateLimiter(SecurityProperties properties) {
		this.limit = Bandwidth.builder()
			.capacity(properties.loginAttempts())
			.refillGreedy(properties.loginAttempts(), properties.loginPeriod())
			.build();
		int maxClients = properties.loginClients();
		// access-ordered: the least recently seen address is forgotten first
		this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > maxClients;
			}
		};
	}

	/**
	 * Takes one attempt from the address's bucket.
	 * @return zero when allowed, else how long to wait until the next attempt is allowed
	 */
	Duration tryAcquire(String clientAddress) {
		Bucket bucket;
		synchronized (this.buckets) {
			bucket = this.buckets.computeIfAbsent(clientAddress,
					(key) -> Bucket.builder().addLimit(this.limit).build());
		}
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

}
