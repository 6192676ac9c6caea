package io.inkwell.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The waits BlockHound reports under concurrent load that are not blocking I/O of ours,
 * allowed narrowly (found by the concurrent transfer test; loaded through
 * {@code META-INF/services}). The TLS-context seeding it also reported is fixed in
 * {@code db/DatabaseConfig} instead (a DRBG seeded at start-up). Everything else still
 * fails the test that triggers it.
 */
public class BlockHoundAllowances implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// Jackson builds a type's deserializer once, under a lock: the first concurrent
		// requests with
		// one body type wait on it for the microseconds that takes, then never again
		builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
				"_createAndCacheValueDeserializer");
		// Netty's adaptive allocator grows its magazines under a StampedLock held for an
		// array copy:
		// an event loop reading a long response (the 200,000-post export) can wait on it
		// briefly
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
				"tryExpandMagazines");
		// Caffeine's put retries with Thread.onSpinWait while another thread finishes
		// removing an entry of the same key (security.AccountStates: an eviction or
		// expiry racing a fresh lookup of the same user); no lock, no I/O
		builder.allowBlockingCallsInside("com.github.benmanes.caffeine.cache.BoundedLocalCache", "put");
	}

}
