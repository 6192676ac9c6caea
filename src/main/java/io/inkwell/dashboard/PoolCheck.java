package io.inkwell.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.db.DbProperties;
import io.inkwell.db.Replica;
import io.inkwell.db.Replicas;
import io.inkwell.ops.PoolWaitRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The pool card, from memory only — the pool's own metrics and the Micrometer meters — so
 * it answers even when every connection is taken. Thresholds: red when requests were
 * turned away (acquire timeout or admission bound) in the last five minutes; amber when
 * acquires are waiting or at least 80 % of the connections are in use, or a read replica
 * is down or lags past {@code inkwell.db.replica-max-lag}; green otherwise. The read
 * replicas' pools are listed with their health. "Recent" is measured between looks at the
 * card, so after a long time unwatched it covers that whole time (and turned-away
 * requests then count amber, since they may be old).
 */
@Component
@Order(10)
class PoolCheck implements CardCheck {

	static final Duration RECENT = Duration.ofMinutes(5);

	private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);

	private final ConnectionPool pool;

	private final MeterRegistry registry;

	private final DatabaseUrl url;

	private final int maxPending;

	private final Clock clock;

	/**
	 * Counter readings over the last minutes, oldest first; the first one is the
	 * baseline.
	 */
	private final Deque<Sample> samples = new ArrayDeque<>();

	private final Replicas replicas;

	PoolCheck(ConnectionPool pool, MeterRegistry registry, DatabaseUrl url, DbProperties properties,
			Replicas replicas) {
		this.pool = pool;
		this.replicas = replicas;
		this.registry = registry;
		this.url = url;
		this.maxPending = properties.maxPendingAcquires();
		this.clock = Clock.systemUTC();
		this.samples.add(new Sample(this.clock.instant(), 0, 0));
	}

	/**
	 * True when every connection is in use and acquires are already queueing: a check
	 * that needs a connection would only join the queue.
	 */
	boolean saturated() {
		PoolMetrics metrics = this.pool.getMetrics().orElse(null);
		return metrics != null && metrics.pendingAcquireSize() > 0
				&& metrics.acquiredSize() >= metrics.getMaxAllocatedSize();
	}

	@Override
	public String id() {
		return "pool";
	}

	@Override
	public String title() {
		return "connection pool";
	}

	@Override
	public boolean readsDatabase() {
		return false;
	}

	@Override
	public Mono<PoolCard> check() {
		// from memory only: never waits for a connection
		return Mono.fromSupplier(this::card);
	}

	private PoolCard card() {
		PoolMetrics metrics = this.pool.getMetrics().orElseThrow();
		int max = metrics.getMaxAllocatedSize();
		int acquired = metrics.acquiredSize();
		int pending = metrics.pendingAcquireSize();
		long timeouts = count("inkwell.db.acquire.timeouts");
		long rejections = count("inkwell.db.acquire.rejected");
		Instant now = this.clock.instant();
		Sample baseline = baseline(new Sample(now, timeouts, rejections));
		long recentTimeouts = timeouts - baseline.timeouts();
		long recentRejections = rejections - baseline.rejections();
		// readings are taken when someone looks: unwatched, the window grows beyond five
		// minutes
		long windowMinutes = Math.max(RECENT.toMinutes(), Duration.between(baseline.at(), now).toMinutes());
		CardState state;
		String reason;
		if (recentTimeouts + recentRejections > 0) {
			state = (windowMinutes <= 3 * RECENT.toMinutes()) ? CardState.RED : CardState.AMBER;
			reason = Words.count(recentTimeouts + recentRejections, "request", "requests") + " turned away in the last "
					+ windowMinutes + " minutes (" + recentTimeouts + " waited pool_timeout in vain, "
					+ recentRejections + " refused at the admission bound)";
		}
		else if (pending > 0) {
			state = CardState.AMBER;
			reason = pending + ((pending == 1) ? " request is" : " requests are") + " waiting for a connection ("
					+ acquired + " of " + max + " in use)";
		}
		else if (acquired * 5 >= max * 4) {
			state = CardState.AMBER;
			reason = acquired + " of " + max + " connections in use: little headroom";
		}
		else {
			state = CardState.GREEN;
			reason = acquired + " of " + max + " connections in use, none waiting"
					+ ((timeouts + rejections > 0) ? "; " + Words.count(timeouts + rejections, "request", "requests")
							+ " turned away earlier since start" : "");
		}
		List<PoolCard.ReplicaPool> replicaPools = replicaPools();
		List<String> skipped = replicaPools.stream()
			.filter((replica) -> !replica.serving())
			.map((replica) -> replica.name() + (replica.up() ? " lags " + replica.lagMs() + " ms" : " is down"))
			.toList();
		if (!skipped.isEmpty()) {
			state = (state == CardState.GREEN) ? CardState.AMBER : state;
			reason = reason + "; " + String.join(", ", skipped) + ": its reads go elsewhere";
		}
		return new PoolCard(state, reason, max, acquired, metrics.idleSize(), metrics.allocatedSize(), pending,
				this.maxPending, this.url.poolTimeout().toMillis(), latency(PoolWaitRecorder.WAIT),
				latency(PoolWaitRecorder.CREATE), timeouts, rejections, recentTimeouts, recentRejections, replicaPools);
	}

	private List<PoolCard.ReplicaPool> replicaPools() {
		List<PoolCard.ReplicaPool> pools = new ArrayList<>();
		for (Replica replica : this.replicas.all()) {
			PoolMetrics metrics = replica.pool().getMetrics().orElse(null);
			boolean serving = replica.up() && replica.lag().compareTo(this.replicas.maxLag()) <= 0;
			pools.add(new PoolCard.ReplicaPool(replica.name(), replica.up(), replica.lag().toMillis(), serving,
					(metrics != null) ? metrics.getMaxAllocatedSize() : 0,
					(metrics != null) ? metrics.acquiredSize() : 0));
		}
		return pools;
	}

	private long count(String counter) {
		Counter found = this.registry.find(counter).counter();
		return (found != null) ? (long) found.count() : 0;
	}

	private Latency latency(String name) {
		Latency total = Latency.NONE;
		for (Timer timer : this.registry.find(name).timers()) {
			total = total.plus(Latency.of(timer));
		}
		return total;
	}

	/**
	 * Records the reading (at most every ten seconds) and returns the newest reading at
	 * least {@link #RECENT} old, or the oldest one kept while the process is younger than
	 * that.
	 */
	private synchronized Sample baseline(Sample now) {
		if (Duration.between(this.samples.getLast().at(), now.at()).compareTo(SAMPLE_EVERY) >= 0) {
			this.samples.addLast(now);
		}
		Instant cutoff = now.at().minus(RECENT);
		while (this.samples.size() > 1) {
			Iterator<Sample> oldest = this.samples.iterator();
			oldest.next();
			if (oldest.next().at().isAfter(cutoff)) {
				break;
			}
			this.samples.removeFirst();
		}
		return this.samples.getFirst();
	}

	private record Sample(Instant at, long timeouts, long rejections) {
	}

}
