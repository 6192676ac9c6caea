package io.inkwell.audit;

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

}
