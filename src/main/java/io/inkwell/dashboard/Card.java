package io.inkwell.dashboard;

/**
 * What every dashboard card carries: its {@link CardState} and the reason for it in
 * words. The card records add their figures beside these two fields.
 */
interface Card {

	CardState state();

	String reason();

}
