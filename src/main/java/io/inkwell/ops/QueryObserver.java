package io.inkwell.ops;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.inkwell.db.DbProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.inkwell.db.StatementListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Times every SQL statement (a {@link StatementListener}, under the pool) as
 * {@code inkwell.db.query} tagged with the statement's name, and logs statements slower
 * than {@code inkwell.db.slow-query-threshold} with their SQL text and duration — never
 * the bound parameter values, which may be personal data or secrets — at most one line
 * per statement name every 10 s, which counts the ones left out ({@link ThrottledLog}).
 * The slow-query line carries the request id of the request that ran the statement.
 * <p>
 * Names come from a leading SQL comment,
 * {@code /* UserRepository.findLiveById *}{@code /}, which the repositories put on their
 * statements; the comment also shows up in {@code pg_stat_statements} and
 * {@code pg_stat_activity}. Statements without one are {@code unnamed}.
 */
@Component
@ConditionalOnProperty(name = "inkwell.db.query-metrics", havingValue = "true", matchIfMissing = true)
public class QueryObserver implements StatementListener {

	private static final Logger log = LoggerFactory.getLogger("io.inkwell.slow-query");

	private static final Pattern NAME = Pattern.compile("^\\s*/\\*\\s*([A-Za-z0-9_.]+)\\s*\\*/");

	private static final int MAX_CACHED_STATEMENTS = 2000;

	private final MeterRegistry registry;

	private final Duration slowThreshold;

	private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

	// under overload every statement is slow: one line per statement name and 10 s, not
	// one per request
	private final ThrottledLog slowLog = new ThrottledLog(log, Duration.ofSeconds(10));

	QueryObserver(MeterRegistry registry, DbProperties properties) {
		this.registry = registry;
		this.slowThreshold = properties.slowQueryThreshold();
	}

	@Override
	public void afterStatement(ExecutedStatement statement) {
		Duration duration = statement.duration();
		String sql = statement.sql();
		Timer timer = this.timers.get(sql);
		if (timer == null) {
			// keyed by the SQL text (mostly constants of the repositories), so that the
			// name is parsed
			// once per statement; generated SQL (bulk inserts) may vary, hence the bound
			timer = timer(nameOf(sql));
			if (this.timers.size() < MAX_CACHED_STATEMENTS) {
				this.timers.putIfAbsent(sql, timer);
			}
		}
		timer.record(duration);
		if (duration.compareTo(this.slowThreshold) >= 0) {
			String name = nameOf(sql);
			this.slowLog.warn(name,
					(skipped) -> RequestLog.with(statement.context(), () -> log.warn("Slow query {} took {} ms: {}{}",
							name, duration.toMillis(), sql.replaceAll("\\s+", " ").strip(), skipped)));
		}
	}

	/** The statement's name from its leading comment, or {@code unnamed}. */
	public static String nameOf(String sql) {
		Matcher matcher = NAME.matcher(sql);
		return matcher.find() ? matcher.group(1) : "unnamed";
	}

	private Timer timer(String name) {
		return Timer.builder("inkwell.db.query")
			.description("SQL statement execution time, by statement name")
			.tag("query", name)
			.publishPercentileHistogram()
			.register(this.registry);
	}

}
