package io.inkwell.dashboard;

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
 */
record PoolCard(CardState state, String reason, int max, int acquired, int idle, int allocated, int pending,
		int maxPending, long poolTimeoutMs, Latency acquireWait, Latency connectionCreate, long timeouts,
		long rejections, long recentTimeouts, long recentRejections) implements Card {
}
