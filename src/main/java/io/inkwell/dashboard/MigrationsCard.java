package io.inkwell.dashboard;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The database's Liquibase history against the changelog this build carries.
 *
 * @param schemaMatches every expected changeset is applied and none is unknown to this
 * build
 * @param expected changesets in this build's changelog
 * @param applied changesets recorded in {@code databasechangelog}, newest first
 * @param pending expected changesets the database has not applied, in changelog order
 * @param unknown applied changesets this build does not know (a newer release migrated)
 */
record MigrationsCard(CardState state, String reason, boolean schemaMatches, int expected, List<Applied> applied,
		List<ChangeSet> pending, List<ChangeSet> unknown) implements Card {

	/**
	 * A row of {@code databasechangelog}; {@code executedAt} may be null for foreign
	 * rows. The changeset's id is written as {@code changeSet}: in this API {@code id}
	 * always means a UUID.
	 */
	record Applied(@JsonProperty("changeSet") String id, String author, String filename, Instant executedAt,
			String execType) {
	}

	/**
	 * A changeset by its identity; its id is written as {@code changeSet} (see
	 * {@link Applied}).
	 */
	record ChangeSet(@JsonProperty("changeSet") String id, String author, String filename) {
	}

}
