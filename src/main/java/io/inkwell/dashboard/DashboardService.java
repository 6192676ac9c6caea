package io.inkwell.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.inkwell.ops.OpsProperties;
import io.r2dbc.spi.R2dbcException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Runs the dashboard's checks. Checks that read the database take one connection at a
 * time (the overview runs them one after the other), give up after
 * {@code inkwell.ops.check-timeout} and are not run at all while the pool is saturated:
 * the dashboard must not add to the queue it reports on. A check that could not run is
 * shown as an {@link UncheckedCard}.
 */
@Service
class DashboardService {

	private final List<CardCheck> cards;

	private final PoolCheck pool;

	private final Duration timeout;

	/**
	 * @param cards every {@link CardCheck} bean, in their {@code @Order}: the display
	 * order
	 */
	DashboardService(List<CardCheck> cards, PoolCheck pool, OpsProperties properties) {
		Set<String> ids = new HashSet<>();
		for (CardCheck card : cards) {
			if (!ids.add(card.id())) {
				throw new IllegalStateException("two dashboard cards have the id " + card.id());
			}
		}
		this.cards = List.copyOf(cards);
		this.pool = pool;
		this.timeout = properties.checkTimeout();
	}

	/** The cards, in display order. */
	List<CardCheck> cards() {
		return this.cards;
	}

	Mono<Overview> overview() {
		return Flux.fromIterable(this.cards)
			.concatMap((check) -> card(check).map((card) -> Map.entry(check, card)))
			.collectList()
			.map(DashboardService::headline);
	}

	/**
	 * One card; one whose check reads the database is guarded (see the class comment).
	 */
	Mono<Card> card(CardCheck check) {
		if (check.readsDatabase()) {
			return guarded(check.title(), check::check);
		}
		return Mono.defer(check::check).map(Card.class::cast);
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
				return "cannot read " + what + ": the database did not answer within " + this.timeout.toMillis()
						+ " ms";
			}
			// 42P01 undefined_table: databasechangelog (or a table) is missing
			if (cause instanceof R2dbcException r2dbc && "42P01".equals(r2dbc.getSqlState())) {
				return "cannot read " + what + ": the database has never been migrated; run the migrate job";
			}
		}
		return "cannot read " + what + ": " + SlowQueryCheck.firstLine(ex);
	}

	private static Overview headline(List<Map.Entry<CardCheck, Card>> entries) {
		Map<String, String> titles = new LinkedHashMap<>();
		Map<String, Card> cards = new LinkedHashMap<>();
		CardState state = CardState.GREEN;
		List<String> red = new ArrayList<>();
		List<String> amber = new ArrayList<>();
		for (Map.Entry<CardCheck, Card> entry : entries) {
			CardCheck check = entry.getKey();
			Card card = entry.getValue();
			titles.put(check.id(), check.title());
			cards.put(check.id(), card);
			state = state.worst(card.state());
			if (card.state() == CardState.RED) {
				red.add(check.title() + ": " + card.reason());
			}
			else if (card.state() == CardState.AMBER) {
				amber.add(check.title());
			}
		}
		List<String> parts = new ArrayList<>(red);
		if (!amber.isEmpty()) {
			parts.add("worth a look: " + String.join(", ", amber));
		}
		String reason = parts.isEmpty() ? "all " + cards.size() + " checks are green" : String.join(" — ", parts);
		return new Overview(state, reason, Instant.now(), titles, cards);
	}

}
