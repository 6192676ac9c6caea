package io.inkwell.idempotency;

import java.time.Duration;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** All SQL of {@code idempotency_keys}. */
@Repository
class IdempotencyRepository {

	// a transaction-scoped advisory lock on (caller, key): held until the request's
	// transaction ends, so a second request with the key learns at once that the first
	// is still running (false) instead of waiting for it on the primary key
	private static final String TRY_LOCK = """
			/* IdempotencyRepository.tryLock */ SELECT pg_try_advisory_xact_lock(
			  hashtextextended(CAST(:caller AS text) || ' ' || :key, 0)) AS locked
			""";

	private static final String FIND_LIVE = """
			/* IdempotencyRepository.findLive */ SELECT request_hash, status, location, content_type, body
			FROM idempotency_keys
			WHERE caller = :caller AND key = :key AND created_at > now() - make_interval(secs => :retentionSeconds)
			""";

	// an expired row of the same key that the clean-up has not reached yet is replaced
	private static final String SAVE = """
			/* IdempotencyRepository.save */ INSERT INTO idempotency_keys
			  (caller, key, request_hash, status, location, content_type, body)
			VALUES (:caller, :key, :requestHash, :status, :location, :contentType, :body)
			ON CONFLICT (caller, key) DO UPDATE SET request_hash = EXCLUDED.request_hash,
			  status = EXCLUDED.status, location = EXCLUDED.location, content_type = EXCLUDED.content_type,
			  body = EXCLUDED.body, created_at = now()
			""";

	// oldest first, a bounded batch; rows a running request is replacing are skipped,
	// not waited for
	private static final String DELETE_EXPIRED = """
			/* IdempotencyRepository.deleteExpired */ DELETE FROM idempotency_keys
			WHERE (caller, key) IN (
			  SELECT caller, key FROM idempotency_keys
			  WHERE created_at <= now() - make_interval(secs => :retentionSeconds)
			  ORDER BY created_at
			  LIMIT :batch
			  FOR UPDATE SKIP LOCKED)
			""";

	private final DatabaseClient db;

	IdempotencyRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Whether this transaction now holds the key; false while another one does. */
	Mono<Boolean> tryLock(UUID caller, String key) {
		return this.db.sql(TRY_LOCK)
			.bind("caller", caller)
			.bind("key", key)
			.map((row) -> row.get("locked", Boolean.class))
			.one();
	}

	Mono<StoredAnswer> findLive(UUID caller, String key, Duration retention) {
		return this.db.sql(FIND_LIVE)
			.bind("caller", caller)
			.bind("key", key)
			.bind("retentionSeconds", (double) retention.toSeconds())
			.map(IdempotencyRepository::toStoredAnswer)
			.one();
	}

	Mono<Void> save(UUID caller, String key, StoredAnswer answer) {
		var spec = this.db.sql(SAVE)
			.bind("caller", caller)
			.bind("key", key)
			.bind("requestHash", answer.requestHash())
			.bind("status", (short) answer.status())
			.bind("body", answer.body());
		spec = (answer.location() != null) ? spec.bind("location", answer.location())
				: spec.bindNull("location", String.class);
		spec = (answer.contentType() != null) ? spec.bind("contentType", answer.contentType())
				: spec.bindNull("contentType", String.class);
		return spec.fetch().rowsUpdated().then();
	}

	Mono<Long> deleteExpired(Duration retention, int batch) {
		return this.db.sql(DELETE_EXPIRED)
			.bind("retentionSeconds", (double) retention.toSeconds())
			.bind("batch", batch)
			.fetch()
			.rowsUpdated();
	}

	private static StoredAnswer toStoredAnswer(Readable row) {
		return new StoredAnswer(row.get("request_hash", byte[].class), row.get("status", Short.class),
				row.get("location", String.class), row.get("content_type", String.class),
				row.get("body", byte[].class));
	}

}
