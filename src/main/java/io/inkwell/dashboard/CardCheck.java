package io.inkwell.dashboard;

import reactor.core.publisher.Mono;

/**
 * One card of the dashboard: a bean with the card's id, its title and the check that
 * produces it. Adding a card is adding one such bean; the overview shows the beans in
 * their {@link org.springframework.core.annotation.Order @Order}, {@code /api/ops/<path>}
 * serves each one alone, and the page takes ids and titles from the overview.
 */
interface CardCheck {

	/**
	 * The card's key in the overview's {@code cards}, in camel case, e.g.
	 * {@code slowQueries}.
	 */
	String id();

	/** The words for the card, lower case, as the headline and the page use them. */
	String title();

	/**
	 * Looks at what the card shows; may run on the event loop, so nothing here blocks.
	 */
	Mono<? extends Card> check();

	/**
	 * Whether {@link #check()} needs a database connection. Such checks are not run while
	 * the pool is saturated and give up after {@code inkwell.ops.check-timeout}.
	 */
	default boolean readsDatabase() {
		return true;
	}

	/**
	 * The card's URL below {@code /api/ops}: its id in kebab case, e.g.
	 * {@code slow-queries}.
	 */
	default String path() {
		return id().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

}
