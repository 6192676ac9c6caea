package io.inkwell.dashboard;

/** Numbers in the cards' reasons. */
final class Words {

	private Words() {
	}

	/**
	 * "1 statement is", "2 statements are": the number with the words that agree with it.
	 */
	static String count(long n, String one, String many) {
		return n + " " + ((n == 1) ? one : many);
	}

	/** Milliseconds without a needless ".0". */
	static String millis(double millis) {
		return (millis == Math.rint(millis)) ? Long.toString((long) millis) : Double.toString(millis);
	}

}
