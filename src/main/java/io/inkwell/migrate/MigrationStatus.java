package io.inkwell.migrate;

import java.time.Instant;
import java.util.List;

/**
 * What the database has applied and what the changelog still wants to apply.
 *
 * @param applied changesets recorded in {@code databasechangelog}, in execution order
 * @param pending ids of changesets in the changelog that are not applied yet, in
 * changelog order
 */
public record MigrationStatus(List<Applied> applied, List<String> pending) {

	public boolean upToDate() {
		return this.pending.isEmpty();
	}

	/**
	 * One applied changeset. {@code executedAt} may be null for rows written by foreign
	 * tools.
	 */
	public record Applied(String id, String author, String changelog, Instant executedAt) {
	}

}
