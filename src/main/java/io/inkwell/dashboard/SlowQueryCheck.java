package io.inkwell.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.inkwell.dashboard.SlowQueriesCard.PgStatStatements;
import io.inkwell.ops.OpsProperties;
import io.inkwell.ops.SlowQueryLog;
import io.inkwell.ops.SlowQueryLog.SlowStatement;
import io.r2dbc.spi.R2dbcException;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The slow-query card. {@code pg_stat_statements} gives the database-wide picture when it
 * can be read: the server must preload it ({@code shared_preload_libraries}) and the
 * database must have the extension, which this check creates once, on first use, when
 * {@code inkwell.ops.create-pg-stat-statements} allows and the role may (managed servers
 * often do not let it). Otherwise the card says why and shows this instance's own
 * {@link SlowQueryLog}. Its state comes from the log, the statements this instance ran:
 * red when ten or more were slow in the last five minutes, amber when any was in the last
 * fifteen, green otherwise.
 */
@Component
@Order(40)
class SlowQueryCheck implements CardCheck {

	static final int TOP = 20;

	private static final Duration RED_WINDOW = Duration.ofMinutes(5);

	private static final int RED_COUNT = 10;

	private static final Duration AMBER_WINDOW = Duration.ofMinutes(15);

	private final DashboardRepository repository;

	private final SlowQueryLog log;

	private final boolean createAllowed;

	private final Clock clock;

	private final AtomicBoolean createAttempted = new AtomicBoolean();

	/** Why the extension could not be created, once that was tried. */
	private final AtomicReference<String> createFailure = new AtomicReference<>();

	SlowQueryCheck(DashboardRepository repository, SlowQueryLog log, OpsProperties properties) {
		this.repository = repository;
		this.log = log;
		this.createAllowed = properties.createPgStatStatements();
		this.clock = Clock.systemUTC();
	}

	@Override
	public String id() {
		return "slowQueries";
	}

	@Override
	public String title() {
		return "slow queries";
	}

	@Override
	public Mono<SlowQueriesCard> check() {
		double thresholdMs = this.log.threshold().toNanos() / 1e6;
		return pgStatStatements(thresholdMs).map((extension) -> {
			List<SlowStatement> recent = this.log.recent();
			Instant now = this.clock.instant();
			long lastFive = recent.stream().filter((s) -> s.at().isAfter(now.minus(RED_WINDOW))).count();
			List<SlowStatement> lastFifteen = recent.stream()
				.filter((s) -> s.at().isAfter(now.minus(AMBER_WINDOW)))
				.toList();
			String threshold = Words.millis(thresholdMs) + " ms";
			String source = extension.available() ? "pg_stat_statements" : "application";
			String where = extension.available() ? "" : " (pg_stat_statements not available: " + extension.note() + ")";
			CardState state;
			String reason;
			if (lastFive >= RED_COUNT) {
				state = CardState.RED;
				reason = Words.count(lastFive, "statement", "statements") + " over " + threshold
						+ " in the last 5 minutes" + where;
			}
			else if (!lastFifteen.isEmpty()) {
				SlowStatement slowest = lastFifteen.stream()
					.max((a, b) -> Double.compare(a.durationMs(), b.durationMs()))
					.orElseThrow();
				state = CardState.AMBER;
				reason = Words.count(lastFifteen.size(), "statement", "statements") + " over " + threshold
						+ " in the last 15 minutes (slowest: " + slowest.name() + ", "
						+ Words.millis(slowest.durationMs()) + " ms)" + where;
			}
			else {
				state = CardState.GREEN;
				reason = "no statement over " + threshold + " in the last 15 minutes" + where;
			}
			return new SlowQueriesCard(state, reason, thresholdMs, source, extension, recent);
		});
	}

	private Mono<PgStatStatements> pgStatStatements(double thresholdMs) {
		return installedSchema().flatMap((schema) -> {
			if (schema.isEmpty()) {
				String failure = this.createFailure.get();
				return Mono.just(unavailable((failure != null) ? failure
						: "the extension is not installed in this database; see docs/dashboard.md to enable it"));
			}
			return this.repository.topStatements(schema.get(), TOP, thresholdMs)
				.collectList()
				.map((top) -> new PgStatStatements(true, null, top))
				// typically 55000: the server does not preload the library
				.onErrorResume((ex) -> Mono.just(unavailable(firstLine(ex))));
		});
	}

	private Mono<Optional<String>> installedSchema() {
		return this.repository.pgStatStatementsSchema().flatMap((schema) -> {
			if (schema.isPresent() || !this.createAllowed || !this.createAttempted.compareAndSet(false, true)) {
				return Mono.just(schema);
			}
			return this.repository.createPgStatStatements()
				.then(this.repository.pgStatStatementsSchema())
				.onErrorResume((ex) -> {
					this.createFailure.set("could not create the extension: " + firstLine(ex));
					return Mono.just(Optional.empty());
				});
		});
	}

	private static PgStatStatements unavailable(String note) {
		return new PgStatStatements(false, note, List.of());
	}

	/**
	 * The database's own message (Spring's wrapper adds the SQL text), first line only.
	 */
	static String firstLine(Throwable ex) {
		Throwable cause = ex;
		for (Throwable c = ex; c != null; c = c.getCause()) {
			if (c instanceof R2dbcException) {
				cause = c;
			}
		}
		String message = String.valueOf(cause.getMessage());
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

}
