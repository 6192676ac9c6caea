package io.inkwell.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counters of requests the service turned away instead of queueing them without bound:
 * {@code inkwell.db.acquire.rejected} (the admission bound on requests waiting for a
 * connection was reached) and {@code inkwell.db.acquire.timeouts} (a request waited
 * {@code pool_timeout} for a connection). Both answer 503 with {@code Retry-After}.
 */
@Component
public class ShedMetrics {

	private final Counter rejected;

	private final Counter timeouts;

	public ShedMetrics(MeterRegistry registry) {
		this.rejected = Counter.builder("inkwell.db.acquire.rejected")
			.description("Requests refused because too many were already waiting for a database connection")
			.register(registry);
		this.timeouts = Counter.builder("inkwell.db.acquire.timeouts")
			.description("Requests that waited pool_timeout for a database connection and gave up")
			.register(registry);
	}

	public void rejected() {
		this.rejected.increment();
	}

	public void timedOut() {
		this.timeouts.increment();
	}

}
