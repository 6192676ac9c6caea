package io.inkwell.dashboard;

/**
 * A card whose check could not run: the database did not answer in time, or the pool was
 * saturated and the dashboard declined to join the queue for a connection.
 */
record UncheckedCard(CardState state, String reason) implements Card {
}
