package io.inkwell.dashboard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.inkwell.dashboard.MigrationsCard.Applied;
import io.inkwell.dashboard.MigrationsCard.ChangeSet;
import io.inkwell.migrate.Changelog;
import io.inkwell.migrate.Changelog.ChangeSetId;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The migrations card: {@code databasechangelog} against the changelog this build
 * carries, with the same identity (id, author, file) as the readiness check. Red when
 * changesets are pending (the instance stays not-ready until the migrate job ran); amber
 * when the database has changesets this build does not know (a newer release migrated it:
 * fine during a rolling deploy, suspicious otherwise); green when they match.
 */
@Component
@Order(20)
class MigrationCheck implements CardCheck {

	private final DashboardRepository repository;

	private final List<ChangeSetId> expected;

	MigrationCheck(DashboardRepository repository) {
		this.repository = repository;
		// parsed once here, on the main thread: reading the changelog is blocking
		this.expected = Changelog.expected();
	}

	@Override
	public String id() {
		return "migrations";
	}

	@Override
	public String title() {
		return "migrations";
	}

	@Override
	public Mono<MigrationsCard> check() {
		return this.repository.appliedChangesets().collectList().map(this::compare);
	}

	MigrationsCard compare(List<Applied> applied) {
		Set<ChangeSetId> appliedIds = new HashSet<>();
		for (Applied row : applied) {
			appliedIds.add(new ChangeSetId(row.id(), row.author(), row.filename()));
		}
		Set<ChangeSetId> expectedIds = new HashSet<>(this.expected);
		List<ChangeSet> pending = new ArrayList<>();
		for (ChangeSetId id : this.expected) {
			if (!appliedIds.contains(id)) {
				pending.add(new ChangeSet(id.id(), id.author(), id.filename()));
			}
		}
		List<ChangeSet> unknown = new ArrayList<>();
		for (Applied row : applied) {
			if (!expectedIds.contains(new ChangeSetId(row.id(), row.author(), row.filename()))) {
				unknown.add(new ChangeSet(row.id(), row.author(), row.filename()));
			}
		}
		CardState state;
		String reason;
		if (!pending.isEmpty()) {
			state = CardState.RED;
			reason = pending.size() + ((pending.size() == 1) ? " changeset is" : " changesets are") + " pending ("
					+ pending.stream().map(ChangeSet::id).collect(Collectors.joining(", ")) + "); run the migrate job";
		}
		else if (!unknown.isEmpty()) {
			state = CardState.AMBER;
			reason = "the database has " + Words.count(unknown.size(), "changeset", "changesets")
					+ " this build does not know ("
					+ unknown.stream().map(ChangeSet::id).collect(Collectors.joining(", "))
					+ "): a newer release migrated it";
		}
		else {
			state = CardState.GREEN;
			reason = "schema matches the changelog: all " + this.expected.size() + " changesets applied";
		}
		return new MigrationsCard(state, reason, pending.isEmpty() && unknown.isEmpty(), this.expected.size(), applied,
				pending, unknown);
	}

}
