package io.inkwell.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.inkwell.dashboard.MigrationsCard.Applied;
import io.inkwell.migrate.Changelog;
import io.inkwell.migrate.Changelog.ChangeSetId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationCheckTests {

	private final MigrationCheck check = new MigrationCheck(null);

	@Test
	void isGreenWhenTheDatabaseHasExactlyTheChangelog() {
		MigrationsCard card = this.check.compare(applied(Changelog.expected()));
		assertThat(card.state()).isEqualTo(CardState.GREEN);
		assertThat(card.schemaMatches()).isTrue();
	}

	@Test
	void isRedAndNamesWhatIsPending() {
		List<ChangeSetId> expected = Changelog.expected();
		MigrationsCard card = this.check.compare(applied(expected.subList(0, expected.size() - 2)));
		assertThat(card.state()).isEqualTo(CardState.RED);
		assertThat(card.pending()).extracting(MigrationsCard.ChangeSet::id)
			.containsExactly(expected.get(expected.size() - 2).id(), expected.get(expected.size() - 1).id());
	}

	@Test
	void isAmberForChangesetsOfANewerRelease() {
		List<ChangeSetId> ids = new ArrayList<>(Changelog.expected());
		ids.add(new ChangeSetId("9999-from-the-future", "inkwell", "liquibase/changes/9999-from-the-future.sql"));
		MigrationsCard card = this.check.compare(applied(ids));
		assertThat(card.state()).isEqualTo(CardState.AMBER);
		assertThat(card.unknown()).extracting(MigrationsCard.ChangeSet::id).containsExactly("9999-from-the-future");
		assertThat(card.schemaMatches()).isFalse();
	}

	private static List<Applied> applied(List<ChangeSetId> ids) {
		return ids.stream()
			.map((id) -> new Applied(id.id(), id.author(), id.filename(), Instant.now(), "EXECUTED"))
			.toList();
	}

}
