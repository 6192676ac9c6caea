package io.inkwell.audit;

import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The SQL of the audit trail. */
@Repository
class AuditRepository {

	private static final String INSERT = """
			/* AuditRepository.insert */ INSERT INTO audit_log (id, actor_id, action, target_id)
			VALUES (:id, :actorId, :action, :targetId)
			""";

	private static final String INSERT_ALL = """
			/* AuditRepository.insertAll */ INSERT INTO audit_log (id, actor_id, action, target_id)
			SELECT t.id, :actorId, :action, t.target_id FROM unnest(CAST(:ids AS uuid[]), CAST(:targetIds AS uuid[])) AS t (id, target_id)
			""";

	private final DatabaseClient db;

	AuditRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<Long> insert(UUID id, UUID actorId, String action, UUID targetId) {
		return this.db.sql(INSERT)
			.bind("id", id)
			.bind("actorId", actorId)
			.bind("action", action)
			.bind("targetId", targetId)
			.fetch()
			.rowsUpdated();
	}

	Mono<Long> insertAll(List<UUID> ids, UUID actorId, String action, List<UUID> targetIds) {
		return this.db.sql(INSERT_ALL)
			.bind("ids", ids.toArray(new UUID[0]))
			.bind("actorId", actorId)
			.bind("action", action)
			.bind("targetIds", targetIds.toArray(new UUID[0]))
			.fetch()
			.rowsUpdated();
	}

}
