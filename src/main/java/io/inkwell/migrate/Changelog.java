package io.inkwell.migrate;

import java.util.List;

import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;

/**
 * The changesets this build of Inkwell expects, read from the changelog without a
 * database.
 */
public final class Changelog {

	private Changelog() {
	}

	/**
	 * Parses the changelog on the classpath. Blocking (reads resources); call it at
	 * start-up, not on an event-loop thread.
	 */
	public static List<ChangeSetId> expected() {
		ResourceAccessor resources = new ClassLoaderResourceAccessor(Changelog.class.getClassLoader());
		try {
			DatabaseChangeLog changelog = liquibase.parser.ChangeLogParserFactory.getInstance()
				.getParser(Migrator.CHANGELOG, resources)
				.parse(Migrator.CHANGELOG, new ChangeLogParameters(), resources);
			return changelog.getChangeSets()
				.stream()
				.map((changeSet) -> new ChangeSetId(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath()))
				.toList();
		}
		catch (LiquibaseException ex) {
			throw new IllegalStateException("cannot read the changelog " + Migrator.CHANGELOG + ": " + ex.getMessage(),
					ex);
		}
	}

	/** Identity of a changeset as Liquibase records it in {@code databasechangelog}. */
	public record ChangeSetId(String id, String author, String filename) {
	}

}
