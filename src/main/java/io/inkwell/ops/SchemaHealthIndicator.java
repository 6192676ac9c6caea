package io.inkwell.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.inkwell.migrate.Changelog;
import io.inkwell.migrate.Changelog.ChangeSetId;
import io.r2dbc.spi.R2dbcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Readiness contributor {@code schema}: UP only when the database has applied every
 * changeset this build expects. The application never migrates in production; until the
 * {@code migrate} job has run, this keeps the instance out of the load balancer and says
 * which changesets are pending, in the readiness details and (once per change of state)
 * in the log. It is checked on every probe, so the instance becomes ready without a
 * restart as soon as the job has run. Changesets applied by a newer release
 * (expand/contract deploys) do not make it DOWN.
 */
@Component("schema")
class SchemaHealthIndicator implements ReactiveHealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(SchemaHealthIndicator.class);

	private static final String APPLIED = "/* SchemaHealthIndicator.appliedChangesets */ SELECT id, author, filename FROM databasechangelog";

	/**
	 * A probe must answer well before Kubernetes' probe timeout, even while the pool
	 * waits.
	 */
	private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

	private final DatabaseClient db;

	private final List<ChangeSetId> expected;

	private final AtomicReference<String> lastState = new AtomicReference<>("");

	SchemaHealthIndicator(DatabaseClient db) {
		this.db = db;
		this.expected = Changelog.expected();
	}

	@Override
	public Mono<Health> health() {
		return this.db.sql(APPLIED)
			.map((row) -> new ChangeSetId(row.get("id", String.class), row.get("author", String.class),
					row.get("filename", String.class)))
			.all()
			.collect(HashSet<ChangeSetId>::new, Set::add)
			.map(this::compare)
			.timeout(CHECK_TIMEOUT)
			.onErrorResume((ex) -> Mono.just(unreachable(ex)))
			.doOnNext(this::logStateChange);
	}

	private Health compare(Set<ChangeSetId> applied) {
		List<String> pending = new ArrayList<>();
		for (ChangeSetId changeSet : this.expected) {
			if (!applied.contains(changeSet)) {
				pending.add(changeSet.id());
			}
		}
		if (pending.isEmpty()) {
			return Health.up().withDetail("changesets", this.expected.size()).build();
		}
		return Health.down()
			.withDetail("reason", "database schema is behind the changelog; run the migrate job")
			.withDetail("pending", pending)
			.build();
	}

	private static Health unreachable(Throwable ex) {
		String reason = "cannot read the schema version: " + ex.getClass().getSimpleName();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			// 42P01 undefined_table: no databasechangelog, so nothing was ever migrated
			// here
			if (cause instanceof R2dbcException r2dbc && "42P01".equals(r2dbc.getSqlState())) {
				reason = "database has never been migrated; run the migrate job";
				break;
			}
		}
		return Health.down().withDetail("reason", reason).build();
	}

	private void logStateChange(Health health) {
		String state = health.getStatus() + " " + health.getDetails().getOrDefault("pending", "")
				+ health.getDetails().getOrDefault("reason", "");
		String previous = this.lastState.getAndSet(state);
		if (state.equals(previous)) {
			return;
		}
		if (health.getStatus().getCode().equals("UP")) {
			log.info("Database schema is up to date ({} changesets)", this.expected.size());
		}
		else {
			log.warn("Not ready: {}{}", health.getDetails().get("reason"), health.getDetails().containsKey("pending")
					? "; pending changesets: " + health.getDetails().get("pending") : "");
		}
	}

}
