package io.inkwell.ops;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.pool.PoolMetricsRecorder;

import org.springframework.stereotype.Component;

/**
 * Gives the connection pool's own timings to Micrometer, which Spring Boot's
 * {@code r2dbc.pool.*} gauges do not have: {@code inkwell.db.acquire.wait} (how long an
 * acquire waited in the pool's queue because no connection was free; only acquires that
 * had to wait are recorded, tagged {@code outcome=success|failure}) and
 * {@code inkwell.db.connection.create} (how long opening a new connection took).
 * {@code DatabaseConfig} hands this bean to the pool; the dashboard's pool card reads the
 * timers.
 */
@Component
public class PoolWaitRecorder implements PoolMetricsRecorder {

	public static final String WAIT = "inkwell.db.acquire.wait";

	public static final String CREATE = "inkwell.db.connection.create";

	private final Timer waited;

	private final Timer waitFailed;

	private final Timer created;

	private final Timer createFailed;

	PoolWaitRecorder(MeterRegistry registry) {
		this.waited = timer(registry, WAIT, "success", "Time an acquire waited for a free connection");
		this.waitFailed = timer(registry, WAIT, "failure", "Time an acquire waited for a free connection");
		this.created = timer(registry, CREATE, "success", "Time to open a new database connection");
		this.createFailed = timer(registry, CREATE, "failure", "Time to open a new database connection");
	}

	private static Timer timer(MeterRegistry registry, String name, String outcome, String description) {
		return Timer.builder(name)
			.description(description)
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(registry);
	}

	@Override
	public void recordPendingSuccessAndLatency(long latencyMs) {
		this.waited.record(Duration.ofMillis(latencyMs));
	}

	@Override
	public void recordPendingFailureAndLatency(long latencyMs) {
		this.waitFailed.record(Duration.ofMillis(latencyMs));
	}

	@Override
	public void recordAllocationSuccessAndLatency(long latencyMs) {
		this.created.record(Duration.ofMillis(latencyMs));
	}

	@Override
	public void recordAllocationFailureAndLatency(long latencyMs) {
		this.createFailed.record(Duration.ofMillis(latencyMs));
	}

	// the rest of the pool's events are not shown on the dashboard

	@Override
	public void recordResetLatency(long latencyMs) {
	}

	@Override
	public void recordDestroyLatency(long latencyMs) {
	}

	@Override
	public void recordRecycled() {
	}

	@Override
	public void recordLifetimeDuration(long millisecondsSinceAllocation) {
	}

	@Override
	public void recordIdleTime(long millisecondsIdle) {
	}

	@Override
	public void recordSlowPath() {
	}

	@Override
	public void recordFastPath() {
	}

}
