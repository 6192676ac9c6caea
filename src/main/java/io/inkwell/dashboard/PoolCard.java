package io.inkwell.dashboard;

import java.util.List;

/**
 * The connection pool now: its size, connections in use and idle, acquires waiting, how
 * long acquires waited and how many requests were turned away.
 *
 * @param max the pool's size ({@code connection_limit})
 * @param acquired connections handed out to requests right now
 * @param idle open connections nobody uses
 * @param allocated open connections (acquired + idle)
 * @param pending acquires waiting for a connection right now
 * @param maxPending the admission bound ({@code inkwell.db.max-pending-acquires})
 * @param poolTimeoutMs how long an acquire may wait ({@code pool_timeout})
 * @param acquireWait how long acquires that had to wait did wait, since start
 * @param connectionCreate how long opening a new connection took, since start
 * @param timeouts acquires that gave up after {@code pool_timeout}, since start
 * @param rejections acquires refused at once at the admission bound, since start
 * @param recentTimeouts timeouts in the recent window (the last five minutes, or the time
 * since someone last looked at the card when that is longer)
 * @param recentRejections rejections in the same window
 * @param replicas the read replicas' pools and health ({@code DATABASE_REPLICA_URLS}),
 * empty without replicas
 */
record PoolCard(CardState state, String reason, int max, int acquired, int idle, int allocated, int pending,
		int maxPending, long poolTimeoutMs, Latency acquireWait, Latency connectionCreate, long timeouts,
		long rejections, long recentTimeouts, long recentRejections, List<ReplicaPool> replicas) implements Card {

	/**
	 * One read replica as the last probe saw it.
	 *
	 * @param name {@code replica-1}, ... in the order of {@code DATABASE_REPLICA_URLS}
	 * @param up whether the last probe reached it as a standby
	 * @param lagMs how far it was behind the primary
	 * @param serving whether reads go to it (up and within
	 * {@code inkwell.db.replica-max-lag})
	 * @param max its pool's size
	 * @param acquired its pool's connections in use
	 */
	record ReplicaPool(String name, boolean up, long lagMs, boolean serving, int max, int acquired) {
	}

}
