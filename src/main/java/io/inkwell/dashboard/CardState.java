package io.inkwell.dashboard;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Traffic-light state of a dashboard card; written in JSON as {@code green|amber|red}.
 */
enum CardState {

	/** Nothing needs attention. */
	GREEN,

	/** Worth a look soon; nothing is failing yet. */
	AMBER,

	/** Failing now, or about to. */
	RED;

	@JsonValue
	String json() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	CardState worst(CardState other) {
		return (other.ordinal() > ordinal()) ? other : this;
	}

}
