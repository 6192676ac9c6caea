package io.inkwell.dashboard;

import java.time.Instant;
import java.util.Map;

/**
 * Every card at once, with the headline: the worst state of all cards and which cards
 * need attention.
 *
 * @param titles each card's title by id, in display order: the page shows the cards from
 * these
 * @param cards by id, in display order
 */
record Overview(CardState state, String reason, Instant checkedAt, Map<String, String> titles,
		Map<String, Card> cards) implements Card {
}
