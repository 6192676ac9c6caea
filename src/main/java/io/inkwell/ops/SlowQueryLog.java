package io.inkwell.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import io.inkwell.db.DbProperties;
import io.inkwell.db.StatementListener;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The last {@code inkwell.ops.slow-query-log-size} statements of this instance that took
 * at least {@code inkwell.db.slow-query-threshold}: statement name, SQL text (whitespace
 * folded, cut at {@value #MAX_SQL} characters) and duration — never the bound parameter
 * values. The dashboard's fallback when {@code pg_stat_statements} is not available, and
 * its view of what is slow right now. A second statement listener beside
 * {@link QueryObserver}, under the pool like it.
 */
@Component
public class SlowQueryLog implements StatementListener {

	public static final int MAX_SQL = 1000;

	private final Duration threshold;

	private final int capacity;

	private final Clock clock;

	private final ConcurrentLinkedDeque<SlowStatement> recent = new ConcurrentLinkedDeque<>();

	private final AtomicInteger size = new AtomicInteger();

	@Autowired
	SlowQueryLog(DbProperties db, OpsProperties ops) {
		this(db.slowQueryThreshold(), ops.slowQueryLogSize(), Clock.systemUTC());
	}

	SlowQueryLog(Duration threshold, int capacity, Clock clock) {
		this.threshold = threshold;
		this.capacity = capacity;
		this.clock = clock;
	}

	@Override
	public void afterStatement(ExecutedStatement statement) {
		if (statement.duration().compareTo(this.threshold) >= 0) {
			record(statement.sql(), statement.duration());
		}
	}

	void record(String sql, Duration duration) {
		String text = sql.replaceAll("\\s+", " ").strip();
		if (text.length() > MAX_SQL) {
			text = text.substring(0, MAX_SQL) + "…";
		}
		this.recent
			.addFirst(new SlowStatement(QueryObserver.nameOf(sql), text, millis(duration), this.clock.instant()));
		// lock-free trim: concurrent writers may briefly overshoot the capacity by a few
		// entries
		if (this.size.incrementAndGet() > this.capacity && this.recent.pollLast() != null) {
			this.size.decrementAndGet();
		}
	}

	public Duration threshold() {
		return this.threshold;
	}

	/** The kept slow statements, newest first. */
	public List<SlowStatement> recent() {
		List<SlowStatement> copy = new ArrayList<>(this.capacity);
		for (Iterator<SlowStatement> it = this.recent.iterator(); it.hasNext() && copy.size() < this.capacity;) {
			copy.add(it.next());
		}
		return copy;
	}

	private static double millis(Duration duration) {
		return Math.round(duration.toNanos() / 100_000.0) / 10.0;
	}

	/**
	 * One slow statement.
	 *
	 * @param name the statement's name from its leading comment, or {@code unnamed}
	 * @param sql the SQL text with placeholders, never the values bound to them
	 * @param durationMs execution time in milliseconds
	 * @param at when it finished
	 */
	public record SlowStatement(String name, String sql, double durationMs, Instant at) {
	}

}
