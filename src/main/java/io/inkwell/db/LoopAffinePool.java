package io.inkwell.db;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.Closeable;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The process's one connection pool, made of one r2dbc-pool partition per event loop: the
 * connections of partition {@code i} live on loop {@code i} ({@link EventLoops}), and a request
 * handled on loop {@code i} takes its connection from partition {@code i}, so the query, its rows
 * and the HTTP response stay on one thread. The partitions share the budget: their sizes add up to
 * {@code connection_limit} exactly, so the process never opens more connections than that.
 * <p>
 * Which partition serves an acquire: the caller's own, when it has an idle connection or room to
 * open one; else the first other partition that has; else, when every connection is in use, the
 * partition with the fewest waiting acquires (the caller's own on a tie), where the acquire waits
 * up to {@code pool_timeout} like in any r2dbc-pool. Callers that are not on an event loop
 * (bcrypt on the bounded-elastic scheduler, start-up checks) start at the next partition in
 * turn. A loop without a partition of its own (more loops than connections) behaves like such
 * a caller.
 * <p>
 * {@link #getMetrics()} adds the partitions up; the admission bound ({@code max-pending-acquires})
 * is split between the partitions the same way as the connections.
 */
public final class LoopAffinePool implements ConnectionFactory, Closeable, Disposable {

	private final EventLoops loops;

	private final ConnectionPool[] partitions;

	private final PoolMetrics[] metrics;

	private final AtomicInteger next = new AtomicInteger();

	/**
	 * @param loops the event loops
	 * @param partitions partition {@code i} holds the connections of loop {@code i}; there may be
	 * fewer partitions than loops, never more
	 */
	LoopAffinePool(EventLoops loops, List<ConnectionPool> partitions) {
		if (partitions.isEmpty() || partitions.size() > loops.size()) {
			throw new IllegalArgumentException(
					"between 1 and " + loops.size() + " partitions expected, got " + partitions.size());
		}
		this.loops = loops;
		this.partitions = partitions.toArray(ConnectionPool[]::new);
		this.metrics = partitions.stream()
			.map((partition) -> partition.getMetrics()
				.orElseThrow(() -> new IllegalArgumentException("a partition without metrics")))
			.toArray(PoolMetrics[]::new);
	}

	/**
	 * How to split {@code total} (connections, or waiting acquires) over {@code partitions}: the
	 * shares differ by one at most and add up to {@code total}.
	 */
	static int share(int total, int partitions, int index) {
		return total / partitions + ((index < total % partitions) ? 1 : 0);
	}

	@Override
	public Mono<Connection> create() {
		return Mono.defer(() -> partitionFor(this.loops.indexOfCurrentThread()).create());
	}

	/** The partition that serves an acquire made on loop {@code loop} (-1: not on a loop). */
	ConnectionPool partitionFor(int loop) {
		int n = this.partitions.length;
		int home = (loop >= 0 && loop < n) ? loop : Math.floorMod(this.next.getAndIncrement(), n);
		if (canServeAtOnce(home)) {
			return this.partitions[home];
		}
		int fewestWaiting = home;
		for (int step = 1; step < n; step++) {
			int i = (home + step) % n;
			if (canServeAtOnce(i)) {
				return this.partitions[i];
			}
			if (this.metrics[i].pendingAcquireSize() < this.metrics[fewestWaiting].pendingAcquireSize()) {
				fewestWaiting = i;
			}
		}
		return this.partitions[fewestWaiting];
	}

	private boolean canServeAtOnce(int partition) {
		PoolMetrics m = this.metrics[partition];
		return m.idleSize() > 0 || m.allocatedSize() < m.getMaxAllocatedSize();
	}

	/** The partitions, in loop order (for tests and diagnostics). */
	List<ConnectionPool> partitions() {
		return List.of(this.partitions);
	}

	/** The partitions' figures added up. */
	public Optional<PoolMetrics> getMetrics() {
		return Optional.of(new Sum(this.metrics));
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.partitions[0].getMetadata();
	}

	/** Closes every partition: each sends Terminate on its connections and closes them. */
	@Override
	public Mono<Void> close() {
		return Flux.fromArray(this.partitions).flatMap(ConnectionPool::close).then();
	}

	@Override
	public void dispose() {
		for (ConnectionPool partition : this.partitions) {
			partition.dispose();
		}
	}

	@Override
	public boolean isDisposed() {
		for (ConnectionPool partition : this.partitions) {
			if (!partition.isDisposed()) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return "LoopAffinePool[" + this.partitions.length + " partitions]";
	}

	/** Live sums over the partitions' metrics (each read is a fresh sum). */
	private static final class Sum implements PoolMetrics {

		private final PoolMetrics[] parts;

		Sum(PoolMetrics[] parts) {
			this.parts = parts;
		}

		private int sum(ToIntFunction<PoolMetrics> figure) {
			int sum = 0;
			for (PoolMetrics part : this.parts) {
				sum += figure.applyAsInt(part);
			}
			return sum;
		}

		@Override
		public int acquiredSize() {
			return sum(PoolMetrics::acquiredSize);
		}

		@Override
		public int allocatedSize() {
			return sum(PoolMetrics::allocatedSize);
		}

		@Override
		public int idleSize() {
			return sum(PoolMetrics::idleSize);
		}

		@Override
		public int pendingAcquireSize() {
			return sum(PoolMetrics::pendingAcquireSize);
		}

		@Override
		public int getMaxAllocatedSize() {
			return sum(PoolMetrics::getMaxAllocatedSize);
		}

		@Override
		public int getMaxPendingAcquireSize() {
			return sum(PoolMetrics::getMaxPendingAcquireSize);
		}

	}

}
