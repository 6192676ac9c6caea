package io.inkwell.db;

/**
 * Put in a request's Reactor context (key: this class) by {@link ReadRoutingFilter}: the
 * request only reads, so its statements outside a transaction may go to a replica that
 * has replayed {@code minPosition} (-1: any). Remembers where its connections went, so a
 * read that failed on a replica can be sent once more, to the primary.
 */
final class ReadIntent {

	private final long minPosition;

	private volatile boolean primaryOnly;

	private volatile String servedBy;

	ReadIntent(long minPosition) {
		this.minPosition = minPosition;
	}

	long minPosition() {
		return this.minPosition;
	}

	boolean primaryOnly() {
		return this.primaryOnly;
	}

	/** From now on every connection of this read comes from the primary. */
	void primaryOnly(boolean primaryOnly) {
		this.primaryOnly = primaryOnly;
	}

	void servedBy(String target) {
		this.servedBy = target;
	}

	boolean servedByReplica() {
		String target = this.servedBy;
		return target != null && !target.equals(Replicas.PRIMARY);
	}

}
