package io.inkwell.db;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The read replicas and their health. A probe reads, every
 * {@code inkwell.db.replica-probe-interval}, the primary's WAL position and each
 * replica's replayed position, without blocking. A replica is healthy when it answered
 * the last probe as a standby and is at most {@code inkwell.db.replica-max-lag} behind.
 * The lag is measured by positions, so an idle primary does not look like a lagging
 * replica: a replica that has replayed the primary's newest position has no lag, else its
 * lag is the time since the primary first stood past the replica's position.
 * <p>
 * Meters: {@code inkwell.db.reads} (tag {@code target}: {@code primary} or the replica's
 * name) counts the connections taken for reads that could have gone to a replica;
 * {@code inkwell.db.replica.lag} (seconds), {@code inkwell.db.replica.up} and the replica
 * pools' {@code inkwell.db.replica.connections} (tag {@code state}).
 */
public final class Replicas {

	private static final Logger log = LoggerFactory.getLogger(Replicas.class);

	static final String PRIMARY = "primary";

	private static final String PRIMARY_POSITION = "/* Replicas.primaryPosition */ "
			+ "SELECT CAST(pg_current_wal_lsn() AS text) AS position";

	private static final String REPLAYED_POSITION = "/* Replicas.replayedPosition */ "
			+ "SELECT pg_is_in_recovery() AS standby, CAST(pg_last_wal_replay_lsn() AS text) AS position";

	private static final int MAX_SAMPLES = 10_000;

	private static final Pattern WAL_POSITION = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

	private final List<Replica> replicas;

	private final DatabaseClient primary;

	private final Duration maxLag;

	private final Duration probeTimeout;

	private final AtomicInteger next = new AtomicInteger();

	private final Map<String, Counter> reads = new HashMap<>();

	/** The primary's positions as the probe saw them rise, oldest first. */
	private final Deque<Sample> primaryPositions = new ArrayDeque<>();

	private final Disposable probe;

	Replicas(List<Replica> replicas, ConnectionPool primary, ReplicaProperties properties, MeterRegistry registry) {
		this.replicas = List.copyOf(replicas);
		this.primary = DatabaseClient.create(primary);
		this.maxLag = properties.replicaMaxLag();
		this.probeTimeout = properties.replicaProbeInterval().multipliedBy(4).plusSeconds(1);
		if (registry != null && !replicas.isEmpty()) {
			register(registry);
		}
		this.probe = replicas.isEmpty() ? null
				: Flux.interval(Duration.ZERO, properties.replicaProbeInterval(), Schedulers.parallel())
					.onBackpressureDrop()
					.concatMap((tick) -> probeOnce(), 1)
					.subscribe();
	}

	private void register(MeterRegistry registry) {
		this.reads.put(PRIMARY,
				Counter.builder("inkwell.db.reads")
					.description("Connections taken for reads a replica could serve, by where they went")
					.tag("target", PRIMARY)
					.register(registry));
		for (Replica replica : this.replicas) {
			this.reads.put(replica.name(),
					Counter.builder("inkwell.db.reads").tag("target", replica.name()).register(registry));
			Gauge.builder("inkwell.db.replica.lag", replica, (r) -> r.lag().toNanos() / 1e9)
				.description("How far the replica was behind the primary at the last probe")
				.baseUnit("seconds")
				.tag("replica", replica.name())
				.register(registry);
			Gauge.builder("inkwell.db.replica.up", replica, (r) -> r.up() ? 1 : 0)
				.description("1 when the last probe reached the replica as a standby")
				.tag("replica", replica.name())
				.register(registry);
			for (String state : List.of("acquired", "idle", "max")) {
				Gauge.builder("inkwell.db.replica.connections", replica.pool(), (pool) -> connections(pool, state))
					.description("The replica pool's connections")
					.tag("replica", replica.name())
					.tag("state", state)
					.register(registry);
			}
		}
	}

	private static double connections(ConnectionPool pool, String state) {
		PoolMetrics metrics = pool.getMetrics().orElse(null);
		if (metrics == null) {
			return 0;
		}
		return switch (state) {
			case "acquired" -> metrics.acquiredSize();
			case "idle" -> metrics.idleSize();
			default -> metrics.getMaxAllocatedSize();
		};
	}

	public List<Replica> all() {
		return this.replicas;
	}

	public boolean isEmpty() {
		return this.replicas.isEmpty();
	}

	public Duration maxLag() {
		return this.maxLag;
	}

	/**
	 * Counts a read connection taken from {@code target} (a replica's name or primary).
	 */
	void countRead(String target) {
		Counter counter = this.reads.get(target);
		if (counter != null) {
			counter.increment();
		}
	}

	/**
	 * A healthy replica that has replayed {@code minPosition} (-1: any position), taken
	 * in turn; empty when none is. When the probe's positions are all older than
	 * {@code minPosition}, one healthy replica is asked for its position now.
	 */
	Mono<Replica> choose(long minPosition) {
		Replica replica = pick(minPosition);
		if (replica != null || minPosition < 0) {
			return Mono.justOrEmpty(replica);
		}
		Replica candidate = pick(-1);
		if (candidate == null) {
			return Mono.empty();
		}
		return replayed(candidate).filter((position) -> position >= minPosition)
			.map((position) -> candidate)
			.onErrorResume((ex) -> Mono.empty());
	}

	private Replica pick(long minPosition) {
		int size = this.replicas.size();
		int start = Math.floorMod(this.next.getAndIncrement(), size);
		for (int i = 0; i < size; i++) {
			Replica replica = this.replicas.get((start + i) % size);
			if (replica.up() && replica.lag().compareTo(this.maxLag) <= 0
					&& (minPosition < 0 || replica.replayedPosition() >= minPosition)) {
				return replica;
			}
		}
		return null;
	}

	/** The primary's current WAL position: the consistency token of a finished write. */
	Mono<Long> primaryPosition() {
		return this.primary.sql(PRIMARY_POSITION).map((row) -> parsePosition(row.get("position", String.class))).one();
	}

	private Mono<Long> replayed(Replica replica) {
		return replica.db().sql(REPLAYED_POSITION).map((row) -> {
			String position = row.get("position", String.class);
			return (Boolean.TRUE.equals(row.get("standby", Boolean.class)) && position != null)
					? parsePosition(position) : -1L;
		}).one().timeout(this.probeTimeout).doOnNext((position) -> {
			if (position < 0) {
				replica.down();
			}
			else {
				replica.observed(position, lag(position, System.nanoTime()));
			}
		});
	}

	private Mono<Void> probeOnce() {
		Mono<Void> primaryPosition = primaryPosition().timeout(this.probeTimeout)
			.doOnNext((position) -> record(position, System.nanoTime()))
			.onErrorResume((ex) -> Mono.empty())
			.then();
		return primaryPosition
			.thenMany(Flux.fromIterable(this.replicas).flatMap((replica) -> replayed(replica).onErrorResume((ex) -> {
				if (replica.up()) {
					log.warn("Read replica {} is unreachable, reads go elsewhere until it answers: {}", replica.name(),
							ex.getMessage());
				}
				replica.down();
				return Mono.empty();
			})))
			.then();
	}

	synchronized void record(long position, long now) {
		Sample last = this.primaryPositions.peekLast();
		if (last == null || position > last.position()) {
			this.primaryPositions.addLast(new Sample(position, now));
			if (this.primaryPositions.size() > MAX_SAMPLES) {
				this.primaryPositions.removeFirst();
			}
		}
	}

	/**
	 * Zero when {@code replayed} is at least the primary's newest known position, else
	 * the time since the primary first stood past it.
	 */
	synchronized Duration lag(long replayed, long now) {
		Sample newest = this.primaryPositions.peekLast();
		if (newest == null || replayed >= newest.position()) {
			return Duration.ZERO;
		}
		for (Sample sample : this.primaryPositions) {
			if (sample.position() > replayed) {
				return Duration.ofNanos(now - sample.at());
			}
		}
		return Duration.ZERO;
	}

	/** Parses a WAL position as PostgreSQL prints it, {@code 16/B374D848}. */
	static long parsePosition(String text) {
		if (!WAL_POSITION.matcher(text).matches()) {
			throw new IllegalArgumentException("not a WAL position: " + text);
		}
		int slash = text.indexOf('/');
		return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
	}

	/** Formats a WAL position as PostgreSQL prints it. */
	static String formatPosition(long position) {
		return Long.toHexString(position >>> 32).toUpperCase(Locale.ROOT) + "/"
				+ Long.toHexString(position & 0xFFFFFFFFL).toUpperCase(Locale.ROOT);
	}

	void close() {
		if (this.probe != null) {
			this.probe.dispose();
		}
		for (Replica replica : this.replicas) {
			try {
				replica.pool().close().block(Duration.ofSeconds(10));
			}
			catch (RuntimeException ex) {
				log.warn("Read replica {}'s pool did not close cleanly: {}", replica.name(), ex.getMessage());
			}
			finally {
				replica.pool().dispose();
			}
		}
	}

	private record Sample(long position, long at) {
	}

}
