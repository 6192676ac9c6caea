package io.inkwell.db;

import java.util.function.ToIntFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.r2dbc.pool.PoolMetrics;

/**
 * Gauges of the {@link LoopAffinePool}, all partitions added up, under the names Spring Boot gives
 * an r2dbc-pool's ({@code r2dbc.pool.acquired}, {@code .allocated}, {@code .idle},
 * {@code .pending}, {@code .max.allocated}, {@code .max.pending}; unit connections, tag
 * {@code name}), so dashboards made for a plain r2dbc-pool keep working.
 */
final class ConnectionPoolMeters implements MeterBinder {

	private final PoolMetrics metrics;

	private final String name;

	ConnectionPoolMeters(LoopAffinePool pool, String name) {
		this.metrics = pool.getMetrics().orElseThrow();
		this.name = name;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "acquired", PoolMetrics::acquiredSize,
				"Size of successfully acquired connections which are in active use.");
		gauge(registry, "allocated", PoolMetrics::allocatedSize,
				"Size of allocated connections in the pool which are in active use or idle.");
		gauge(registry, "idle", PoolMetrics::idleSize, "Size of idle connections in the pool.");
		gauge(registry, "pending", PoolMetrics::pendingAcquireSize,
				"Size of pending to acquire connections from the underlying connection factory.");
		gauge(registry, "max.allocated", PoolMetrics::getMaxAllocatedSize,
				"Maximum size of allocated connections that this pool allows.");
		gauge(registry, "max.pending", PoolMetrics::getMaxPendingAcquireSize,
				"Maximum size of pending state to acquire connections that this pool allows.");
	}

	private void gauge(MeterRegistry registry, String key, ToIntFunction<PoolMetrics> figure, String description) {
		Gauge.builder("r2dbc.pool." + key, this.metrics, (metrics) -> figure.applyAsInt(metrics))
			.description(description)
			.baseUnit("connections")
			.tag("name", this.name)
			.register(registry);
	}

}
