package io.inkwell.idempotency;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deletes expired idempotency keys every {@link IdempotencyProperties#cleanupInterval()}:
 * one small batch per statement, each its own short transaction, until a batch comes back
 * short. Every instance runs it; batches skip rows another one has locked.
 */
@Component
class IdempotencyCleanup implements SmartLifecycle {

	/** Batches one run deletes at most; the rest waits for the next run. */
	static final int MAX_BATCHES_PER_RUN = 100;

	private static final Logger log = LoggerFactory.getLogger(IdempotencyCleanup.class);

	private final IdempotencyRepository keys;

	private final IdempotencyProperties properties;

	private volatile Disposable schedule;

	IdempotencyCleanup(IdempotencyRepository keys, IdempotencyProperties properties) {
		this.keys = keys;
		this.properties = properties;
	}

	/** Deletes expired keys; emits how many. */
	Mono<Long> run() {
		int batch = this.properties.cleanupBatch();
		Duration retention = this.properties.retention();
		return this.keys.deleteExpired(retention, batch)
			.expand((deleted) -> (deleted == batch) ? this.keys.deleteExpired(retention, batch) : Mono.empty())
			.take(MAX_BATCHES_PER_RUN)
			.reduce(0L, Long::sum);
	}

	@Override
	public void start() {
		Duration interval = this.properties.cleanupInterval();
		this.schedule = Flux.interval(interval, interval)
			.onBackpressureDrop()
			.concatMap((tick) -> run().onErrorResume((ex) -> {
				log.warn("Deleting expired idempotency keys failed; trying again in {}: {}", interval, ex.toString());
				return Mono.empty();
			}), 0)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.schedule;
		if (current != null) {
			current.dispose();
		}
		this.schedule = null;
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null;
	}

}
