package io.inkwell.ops;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * A log line per kind of event and interval instead of one per event: the first event of
 * a kind is logged at once, the following ones within the interval only counted, and the
 * next line of that kind says how many were left out. For events that can happen once per
 * request (a 503, a slow statement), so that an overloaded server does not spend its CPU
 * writing its log. The counters of the metrics registry keep the exact numbers.
 */
public final class ThrottledLog {

	/** Kinds tracked at most; past it, events of new kinds share one. */
	private static final int MAX_KINDS = 256;

	private final Logger logger;

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

	public ThrottledLog(Logger logger, Duration interval) {
		this(logger, interval, System::nanoTime);
	}

	ThrottledLog(Logger logger, Duration interval, LongSupplier nanoTime) {
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * Logs a warning of the given kind, or counts it if one of that kind was logged
	 * within the interval.
	 * @param kind what the events have in common, e.g. a statement's name
	 * @param line writes the line; receives the number of events of this kind left out
	 * since the previous line (a suffix for the message, empty when there were none)
	 */
	public void warn(String kind, Consumer<String> line) {
		String key = (this.windows.size() < MAX_KINDS || this.windows.containsKey(kind)) ? kind : "other";
		Window window = this.windows.computeIfAbsent(key,
				(k) -> new Window(this.nanoTime.getAsLong() - this.intervalNanos));
		long now = this.nanoTime.getAsLong();
		long last = window.lastLogged.get();
		if (now - last >= this.intervalNanos && window.lastLogged.compareAndSet(last, now)) {
			long skipped = window.skipped.getAndSet(0);
			line.accept((skipped > 0) ? " (" + skipped + " more like it in the previous "
					+ Duration.ofNanos(now - last).toSeconds() + " s, not logged)" : "");
		}
		else {
			window.skipped.incrementAndGet();
		}
	}

	Logger logger() {
		return this.logger;
	}

	private static final class Window {

		final AtomicLong lastLogged;

		final AtomicLong skipped = new AtomicLong();

		Window(long lastLogged) {
			this.lastLogged = new AtomicLong(lastLogged);
		}

	}

}
