package io.inkwell.dashboard;

import java.util.Comparator;
import java.util.List;

import io.inkwell.dashboard.QueriesCard.QueryLatency;
import io.inkwell.db.DbProperties;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The query latency card, from the {@code inkwell.db.query} timers that
 * {@code QueryObserver} keeps per statement name. Thresholds, against
 * {@code inkwell.db.slow-query-threshold}: red when a statement's median is at or above
 * it (it is slow most of the time); amber when a statement's 95th percentile is; green
 * otherwise. The dashboard's own statements are left out.
 */
@Component
@Order(30)
class QueryLatencyCheck implements CardCheck {

	private final MeterRegistry registry;

	private final double thresholdMs;

	QueryLatencyCheck(MeterRegistry registry, DbProperties properties) {
		this.registry = registry;
		this.thresholdMs = properties.slowQueryThreshold().toNanos() / 1e6;
	}

	@Override
	public String id() {
		return "queries";
	}

	@Override
	public String title() {
		return "query latency";
	}

	@Override
	public boolean readsDatabase() {
		return false;
	}

	@Override
	public Mono<QueriesCard> check() {
		// from the Micrometer timers in memory
		return Mono.fromSupplier(this::card);
	}

	private QueriesCard card() {
		List<QueryLatency> queries = this.registry.find("inkwell.db.query")
			.timers()
			.stream()
			.map((timer) -> new QueryLatency(timer.getId().getTag("query"), Latency.of(timer)))
			.filter((query) -> query.latency().count() > 0 && !isOwn(query.name()))
			.sorted(Comparator.comparingDouble((QueryLatency query) -> query.latency().p95Ms())
				.reversed()
				.thenComparing(QueryLatency::name))
			.toList();
		List<QueryLatency> slowMostly = queries.stream()
			.filter((q) -> q.latency().p50Ms() >= this.thresholdMs)
			.toList();
		List<QueryLatency> slowTail = queries.stream().filter((q) -> q.latency().p95Ms() >= this.thresholdMs).toList();
		CardState state;
		String reason;
		if (queries.isEmpty()) {
			state = CardState.GREEN;
			reason = "no statements run yet";
		}
		else if (!slowMostly.isEmpty()) {
			state = CardState.RED;
			reason = Words.count(slowMostly.size(), "statement is", "statements are") + " slow at the median ("
					+ names(slowMostly) + "): half the runs take " + Words.millis(this.thresholdMs) + " ms or more";
		}
		else if (!slowTail.isEmpty()) {
			state = CardState.AMBER;
			reason = Words.count(slowTail.size(), "statement has", "statements have") + " a 95th percentile of "
					+ Words.millis(this.thresholdMs) + " ms or more (" + names(slowTail) + ")";
		}
		else {
			state = CardState.GREEN;
			reason = ((queries.size() == 1) ? "the one statement" : "all " + queries.size() + " statements") + " under "
					+ Words.millis(this.thresholdMs) + " ms at the 95th percentile (slowest: " + queries.get(0).name()
					+ ", " + Words.millis(queries.get(0).latency().p95Ms()) + " ms)";
		}
		return new QueriesCard(state, reason, this.thresholdMs, queries);
	}

	// the dashboard's catalog queries would otherwise top the list of an idle instance
	private static boolean isOwn(String name) {
		return name.startsWith("DashboardRepository.") || name.startsWith("TableBrowserRepository.");
	}

	private static String names(List<QueryLatency> queries) {
		List<String> names = queries.stream().map(QueryLatency::name).limit(3).toList();
		return String.join(", ", names) + ((queries.size() > 3) ? ", …" : "");
	}

}
