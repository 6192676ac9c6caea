package io.inkwell.transfer;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * All SQL of transfers: row locks and balances on {@code users}, the {@code transfers}
 * ledger.
 */
@Repository
class TransferRepository {

	// One statement locks both rows, in id order: two transfers between the same users in
	// opposite
	// directions then queue on the same first row instead of each holding one and waiting
	// for the
	// other (deadlock). NO KEY UPDATE because only credits change: it does not block
	// concurrent
	// inserts that merely reference the users (posts, comments take KEY SHARE locks).
	private static final String LOCK_LIVE_USERS = """
			/* TransferRepository.lockLiveUsers */ SELECT id, credits FROM users
			WHERE id = ANY(:ids) AND deleted_at IS NULL
			ORDER BY id
			FOR NO KEY UPDATE
			""";

	private static final String MOVE_CREDITS = """
			/* TransferRepository.moveCredits */ UPDATE users SET
			  credits = CASE WHEN id = :fromUserId THEN credits - :amount ELSE credits + :amount END,
			  updated_at = now()
			WHERE id IN (:fromUserId, :toUserId)
			""";

	private static final String ADD_CREDITS = """
			/* TransferRepository.addCredits */ UPDATE users SET credits = credits + :amount, updated_at = now()
			WHERE id = :userId
			""";

	private static final String TRANSFER_COLUMNS = "id, from_user_id, to_user_id, amount, kind, reason, created_at";

	private static final String INSERT = """
			/* TransferRepository.insert */ INSERT INTO transfers (id, from_user_id, to_user_id, amount)
			VALUES (:id, :fromUserId, :toUserId, :amount)
			RETURNING %s
			""".formatted(TRANSFER_COLUMNS);

	private static final String INSERT_GRANT = """
			/* TransferRepository.insertGrant */ INSERT INTO transfers (id, to_user_id, amount, kind, granted_by, reason)
			VALUES (:id, :toUserId, :amount, 'GRANT', :grantedBy, :reason)
			RETURNING %s
			"""
		.formatted(TRANSFER_COLUMNS);

	private static final String LIVE_USER_EXISTS = """
			/* TransferRepository.liveUserExists */ SELECT EXISTS (
			  SELECT 1 FROM users WHERE id = :userId AND deleted_at IS NULL) AS found
			""";

	// a user's rows in both directions, newest first: each branch reads its own index
	// (transfers_from_user_id_idx, transfers_to_user_id_idx) in order and stops at the
	// limit, the merge keeps the newest
	private static final String PAGE_OF_USER = """
			/* TransferRepository.findPageOfUser */ (SELECT %1$s FROM transfers WHERE from_user_id = :userId
			  ORDER BY created_at DESC, id DESC LIMIT :limit)
			UNION ALL
			(SELECT %1$s FROM transfers WHERE to_user_id = :userId
			  ORDER BY created_at DESC, id DESC LIMIT :limit)
			ORDER BY created_at DESC, id DESC
			LIMIT :limit
			""".formatted(TRANSFER_COLUMNS);

	private static final String PAGE_OF_USER_BEFORE = """
			/* TransferRepository.findPageOfUserBefore */ (SELECT %1$s FROM transfers WHERE from_user_id = :userId
			  AND (created_at, id) < (:beforeCreatedAt, :beforeId)
			  ORDER BY created_at DESC, id DESC LIMIT :limit)
			UNION ALL
			(SELECT %1$s FROM transfers WHERE to_user_id = :userId
			  AND (created_at, id) < (:beforeCreatedAt, :beforeId)
			  ORDER BY created_at DESC, id DESC LIMIT :limit)
			ORDER BY created_at DESC, id DESC
			LIMIT :limit
			""".formatted(TRANSFER_COLUMNS);

	private static final String FIND_BY_ID = """
			/* TransferRepository.findById */ SELECT %s FROM transfers WHERE id = :id
			""".formatted(TRANSFER_COLUMNS);

	private final DatabaseClient db;

	TransferRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Locks the live users among {@code ids} for the rest of the transaction, in id
	 * order.
	 */
	Flux<Balance> lockLiveUsers(UUID... ids) {
		return this.db.sql(LOCK_LIVE_USERS).bind("ids", ids).map(TransferRepository::toBalance).all();
	}

	/**
	 * Moves {@code amount} credits; the rows must be locked by the caller's transaction.
	 */
	Mono<Long> moveCredits(UUID fromUserId, UUID toUserId, long amount) {
		return this.db.sql(MOVE_CREDITS)
			.bind("fromUserId", fromUserId)
			.bind("toUserId", toUserId)
			.bind("amount", amount)
			.fetch()
			.rowsUpdated();
	}

	Mono<Transfer> insert(UUID id, UUID fromUserId, UUID toUserId, long amount) {
		return this.db.sql(INSERT)
			.bind("id", id)
			.bind("fromUserId", fromUserId)
			.bind("toUserId", toUserId)
			.bind("amount", amount)
			.map(TransferRepository::toTransfer)
			.one();
	}

	/** Adds granted credits; the row must be locked by the caller's transaction. */
	Mono<Long> addCredits(UUID userId, long amount) {
		return this.db.sql(ADD_CREDITS).bind("userId", userId).bind("amount", amount).fetch().rowsUpdated();
	}

	Mono<Transfer> insertGrant(UUID id, UUID toUserId, long amount, UUID grantedBy, String reason) {
		return this.db.sql(INSERT_GRANT)
			.bind("id", id)
			.bind("toUserId", toUserId)
			.bind("amount", amount)
			.bind("grantedBy", grantedBy)
			.bind("reason", reason)
			.map(TransferRepository::toTransfer)
			.one();
	}

	Mono<Boolean> liveUserExists(UUID userId) {
		return this.db.sql(LIVE_USER_EXISTS).bind("userId", userId).map((row) -> row.get("found", Boolean.class)).one();
	}

	/**
	 * Rows of {@code userId} in either direction, newest first, older than the given key
	 * when there is one.
	 */
	Flux<Transfer> findPageOfUser(UUID userId, Instant beforeCreatedAt, UUID beforeId, int limit) {
		GenericExecuteSpec spec = (beforeCreatedAt != null)
				? this.db.sql(PAGE_OF_USER_BEFORE).bind("beforeCreatedAt", beforeCreatedAt).bind("beforeId", beforeId)
				: this.db.sql(PAGE_OF_USER);
		return spec.bind("userId", userId).bind("limit", limit).map(TransferRepository::toTransfer).all();
	}

	Mono<Transfer> findById(UUID id) {
		return this.db.sql(FIND_BY_ID).bind("id", id).map(TransferRepository::toTransfer).one();
	}

	private static Balance toBalance(Readable row) {
		return new Balance(row.get("id", UUID.class), row.get("credits", Long.class));
	}

	private static Transfer toTransfer(Readable row) {
		return new Transfer(row.get("id", UUID.class), row.get("from_user_id", UUID.class),
				row.get("to_user_id", UUID.class), row.get("amount", Long.class), row.get("kind", String.class),
				row.get("reason", String.class), row.get("created_at", Instant.class));
	}

}
