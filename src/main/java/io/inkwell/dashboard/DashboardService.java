package io.inkwell.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.inkwell.ops.OpsProperties;
import io.r2dbc.spi.R2dbcException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Runs the dashboard's checks. Checks that read the database take one connection at a time (the
 * overview runs them one after the other), give up after {@code inkwell.ops.check-timeout} and
 * are not run at all while the pool is saturated: the dashboard must not add to the queue it
 * reports on. A check that could not run is shown as an {@link UncheckedCard}.
 */
@Service
class DashboardService {

	/** Card ids, in display order, with the words the headline uses for them. */
	private static final Map<String, String> TITLES = new LinkedHashMap<>();

	static {
		TITLES.put("pool", "connection pool");
		TITLES.put("migrations", "migrations");
		TITLES.put("queries", "query latency");
		TITLES.put("slowQueries", "slow queries");
		TITLES.put("indexes", "index usage");
		TITLES.put("storage", "table sizes");
		TITLES.put("config", "configuration");
		TITLES.put("seed", "seed data");
		TITLES.put("backup", "backup");
	}

	private final PoolCheck pool;

	private final MigrationCheck migrations;

	private final QueryLatencyCheck queries;

	private final SlowQueryCheck slowQueries;

	private final IndexCheck indexes;

	private final StorageCheck storage;

	private final ConfigurationCheck config;

	private final SeedCheck seed;

	private final BackupCheck backup;

	private final Duration timeout;

	DashboardService(PoolCheck pool, MigrationCheck migrations, QueryLatencyCheck queries, SlowQueryCheck slowQueries,
			IndexCheck indexes, StorageCheck storage, ConfigurationCheck config, SeedCheck seed, BackupCheck backup,
			OpsProperties properties) {
		this.pool = pool;
		this.migrations = migrations;
		this.queries = queries;
		this.slowQueries = slowQueries;
		this.indexes = indexes;
		this.storage = storage;
		this.config = config;
		this.seed = seed;
		this.backup = backup;
		this.timeout = properties.checkTimeout();
	}

	Mono<Overview> overview() {
		Map<String, Supplier<Mono<? extends Card>>> checks = new LinkedHashMap<>();
		checks.put("pool", this::pool);
		checks.put("migrations", this::migrations);
		checks.put("queries", this::queries);
		checks.put("slowQueries", this::slowQueries);
		checks.put("indexes", this::indexes);
		checks.put("storage", this::storage);
		checks.put("config", this::config);
		checks.put("seed", this::seed);
		checks.put("backup", this::backup);
		return Flux.fromIterable(checks.entrySet())
			.concatMap((check) -> check.getValue().get().map((card) -> Map.entry(check.getKey(), (Card) card)))
			.collectList()
			.map(DashboardService::headline);
	}

	Mono<Card> pool() {
		return Mono.fromSupplier(this.pool::check);
	}

	Mono<Card> queries() {
		return Mono.fromSupplier(this.queries::check);
	}

	Mono<Card> migrations() {
		return guarded("migrations", this.migrations::check);
	}

	Mono<Card> slowQueries() {
		return guarded("slow queries", this.slowQueries::check);
	}

	Mono<Card> indexes() {
		return guarded("index usage", this.indexes::check);
	}

	Mono<Card> storage() {
		return guarded("table sizes", this.storage::check);
	}

	Mono<Card> config() {
		return guarded("configuration", this.config::check);
	}

	Mono<Card> seed() {
		return guarded("seed data", this.seed::check);
	}

	Mono<Card> backup() {
		return this.backup.check().map(Card.class::cast);
	}

	private Mono<Card> guarded(String what, Supplier<Mono<? extends Card>> check) {
		return Mono.defer(() -> {
			if (this.pool.saturated()) {
				return Mono.just(new UncheckedCard(CardState.AMBER, "not checked: every connection is in use and"
						+ " requests are waiting; the dashboard does not join the queue"));
			}
			return check.get()
				.map(Card.class::cast)
				.timeout(this.timeout)
				.onErrorResume((ex) -> Mono.just(new UncheckedCard(CardState.RED, failure(what, ex))));
		});
	}

	private String failure(String what, Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException) {
				return "cannot read " + what + ": the database did not answer within " + this.timeout.toMillis() + " ms";
			}
			// 42P01 undefined_table: databasechangelog (or a table) is missing
			if (cause instanceof R2dbcException r2dbc && "42P01".equals(r2dbc.getSqlState())) {
				return "cannot read " + what + ": the database has never been migrated; run the migrate job";
			}
		}
		return "cannot read " + what + ": " + SlowQueryCheck.firstLine(ex);
	}

	private static Overview headline(List<Map.Entry<String, Card>> entries) {
		Map<String, Card> cards = new LinkedHashMap<>();
		CardState state = CardState.GREEN;
		for (Map.Entry<String, Card> entry : entries) {
			cards.put(entry.getKey(), entry.getValue());
			state = state.worst(entry.getValue().state());
		}
		List<String> red = new ArrayList<>();
		List<String> amber = new ArrayList<>();
		cards.forEach((id, card) -> {
			if (card.state() == CardState.RED) {
				red.add(TITLES.get(id) + ": " + card.reason());
			}
			else if (card.state() == CardState.AMBER) {
				amber.add(TITLES.get(id));
			}
		});
		List<String> parts = new ArrayList<>(red);
		if (!amber.isEmpty()) {
			parts.add("worth a look: " + String.join(", ", amber));
		}
		String reason = parts.isEmpty() ? "all " + cards.size() + " checks are green" : String.join(" — ", parts);
		return new Overview(state, reason, Instant.now(), cards);
	}

}
