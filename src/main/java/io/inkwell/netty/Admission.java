package io.inkwell.netty;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.netty.util.concurrent.EventExecutor;

/**
 * The server's admission gate: how many HTTP requests are in progress, and the
 * connections that wait, unread, for their turn.
 *
 * <p>
 * A request is in progress from the moment it has been received whole until its response
 * has been handed to the transport, so a client that sends or reads slowly holds no
 * place. At the limit, a connection that has finished an exchange is not read again: its
 * next request stays in the kernel's socket buffer, where TCP's own flow control holds
 * the client back, instead of being read only to be refused or to wait in memory. As
 * requests finish, waiting connections are read again first come, first served, so none
 * waits while later ones are served.
 *
 * <p>
 * A resumed connection, and a new connection read for its first request, holds a place
 * until that request arrives or a short grace period has passed (an idle keep-alive
 * client may never send again; a connection may be opened and never used). A new
 * connection that arrives while the gate is full waits like the others before its first
 * request is read. Thread-safe; each {@link AdmissionHandler} calls it from its
 * connection's event loop.
 */
public final class Admission {

	/**
	 * How long a resumed connection keeps its place while no request has arrived on it:
	 * longer than a busy event loop takes to come round to the read, or places are handed
	 * out twice.
	 */
	static final Duration GRACE = Duration.ofMillis(250);

	private final int limit;

	private final long graceNanos = GRACE.toNanos();

	private final LongSupplier nanoTime;

	private final AtomicInteger active = new AtomicInteger();

	/**
	 * Connections resumed whose next request has not arrived yet (each holds a place).
	 */
	private final AtomicInteger resuming = new AtomicInteger();

	private final AtomicInteger parkedCount = new AtomicInteger();

	private final Queue<AdmissionHandler> parked = new ConcurrentLinkedQueue<>();

	/** Resumed connections in the order they were resumed, to expire their places. */
	private final Queue<AdmissionHandler> resumed = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean sweepScheduled = new AtomicBoolean();

	private final LongAdder parks = new LongAdder();

	/**
	 * @param limit how many requests may be in progress before connections wait unread
	 */
	public Admission(int limit) {
		this(limit, System::nanoTime);
	}

	Admission(int limit, LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		this.limit = limit;
	}

	public int limit() {
		return this.limit;
	}

	/** Requests in progress. */
	public int active() {
		return this.active.get();
	}

	/** Connections waiting, unread, for a place. */
	public int parked() {
		return this.parkedCount.get();
	}

	/** How many times a connection was made to wait, since start. */
	public long parks() {
		return this.parks.sum();
	}

	/** A request was received whole. */
	void started() {
		this.active.incrementAndGet();
	}

	/**
	 * Responses to {@code count} requests were handed to the transport (or their client
	 * left).
	 */
	void finished(int count, EventExecutor executor) {
		this.active.addAndGet(-count);
		if (this.parkedCount.get() > 0) {
			drain(executor);
		}
	}

	/**
	 * Whether a connection that is between requests must wait before it is read again.
	 */
	boolean mustWait() {
		return this.parkedCount.get() > 0 || this.active.get() + this.resuming.get() >= this.limit;
	}

	void park(AdmissionHandler connection, EventExecutor executor) {
		this.parks.increment();
		this.parkedCount.incrementAndGet();
		this.parked.add(connection);
		// the places may have been freed between mustWait() and here
		drain(executor);
	}

	/**
	 * A new connection is read for its first request while the gate has room: it holds a
	 * place like a resumed connection.
	 */
	void admitNew(AdmissionHandler connection) {
		connection.beginGrace(this.nanoTime.getAsLong());
		this.resuming.incrementAndGet();
		this.resumed.add(connection);
	}

	/**
	 * The next request arrived on a resumed connection: its place is now counted in
	 * active.
	 */
	void arrived(AdmissionHandler connection) {
		if (connection.endGrace()) {
			this.resuming.decrementAndGet();
		}
	}

	private void drain(EventExecutor executor) {
		long now = this.nanoTime.getAsLong();
		expireGrace(now);
		while (this.active.get() + this.resuming.get() < this.limit) {
			AdmissionHandler next = this.parked.poll();
			if (next == null) {
				break;
			}
			this.parkedCount.decrementAndGet();
			if (!next.isOpen()) {
				continue;
			}
			next.beginGrace(now);
			this.resuming.incrementAndGet();
			this.resumed.add(next);
			next.resume();
		}
		// all places held by resumed connections that send nothing, and no request in
		// progress to
		// finish: only time frees them, so look again once the grace period has passed
		if (this.parkedCount.get() > 0 && this.resuming.get() > 0 && this.sweepScheduled.compareAndSet(false, true)) {
			executor.schedule(() -> {
				this.sweepScheduled.set(false);
				drain(executor);
			}, this.graceNanos, TimeUnit.NANOSECONDS);
		}
	}

	private void expireGrace(long now) {
		AdmissionHandler oldest;
		while ((oldest = this.resumed.peek()) != null) {
			if (oldest.inGrace() && now - oldest.resumedAt() < this.graceNanos) {
				return;
			}
			this.resumed.poll();
			if (oldest.endGrace()) {
				this.resuming.decrementAndGet();
			}
		}
	}

}
