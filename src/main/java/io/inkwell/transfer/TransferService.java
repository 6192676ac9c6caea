package io.inkwell.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.inkwell.audit.AuditLog;
import io.inkwell.db.Cursor;
import io.inkwell.db.Ids;
import io.inkwell.ops.RequestLog;
import io.inkwell.ops.ThrottledLog;
import io.inkwell.security.Actor;
import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemException.FieldError;
import io.inkwell.web.ProblemType;
import io.r2dbc.spi.R2dbcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Moves credits between users: one short transaction that locks both user rows in id
 * order, checks the balance, updates both rows and writes the ledger row. A refused
 * transfer changes nothing.
 */
@Service
class TransferService {

	/**
	 * Times a transaction is re-run after a deadlock or serialization failure. The fixed
	 * lock order prevents deadlocks between transfers; this covers other writers of
	 * {@code users} that lock rows in another order.
	 */
	static final int MAX_RETRIES = 3;

	/** Ledger page size when the client names none. */
	static final int DEFAULT_LIMIT = 20;

	/** Largest ledger page. */
	static final int MAX_LIMIT = 100;

	private static final Logger log = LoggerFactory.getLogger(TransferService.class);

	// concurrent transfers between the same accounts conflict under load: not a line per
	// retry
	private final ThrottledLog retryLog = new ThrottledLog(log, Duration.ofSeconds(10));

	private static final RetryBackoffSpec RETRY_ON_CONFLICT = Retry.backoff(MAX_RETRIES, Duration.ofMillis(20))
		.maxBackoff(Duration.ofMillis(200))
		.jitter(0.5)
		.filter(TransferService::isConcurrencyFailure)
		// the caller sees the database's own error (mapped to 503), not Reactor's wrapper
		.onRetryExhaustedThrow((spec, signal) -> signal.failure());

	private final TransferRepository transfers;

	private final TransactionalOperator transactional;

	private final AuditLog audit;

	TransferService(TransferRepository transfers, TransactionalOperator transactional, AuditLog audit) {
		this.transfers = transfers;
		this.transactional = transactional;
		this.audit = audit;
	}

	/**
	 * Only the sender (or an ADMIN) may move its credits: a 403 otherwise, before
	 * anything is read.
	 */
	Mono<Transfer> transfer(Actor actor, TransferRequest request) {
		UUID from = request.fromUserId();
		if (!actor.isSelfOrAdmin(from)) {
			return Mono.error(Actor.forbidden("transfer another user's credits (fromUserId)"));
		}
		UUID to = request.toUserId();
		long amount = request.amount();
		if (from.equals(to)) {
			return Mono.error(new ProblemException(ProblemType.VALIDATION, "1 field(s) are invalid",
					List.of(new FieldError("toUserId", "must differ from fromUserId"))));
		}
		UUID id = Ids.next();
		Mono<Transfer> once = this.transfers.lockLiveUsers(from, to)
			.collectMap(Balance::userId, Function.identity())
			.flatMap((balances) -> check(balances, from, to, amount))
			.then(this.transfers.moveCredits(from, to, amount))
			.flatMap((updated) -> (updated == 2) ? this.transfers.insert(id, from, to, amount)
					: Mono.error(new IllegalStateException("expected to update 2 locked users, updated " + updated)))
			// an ADMIN moving another user's credits is audited, in the same transaction
			.flatMap((transfer) -> actor.is(from) ? Mono.just(transfer)
					: this.audit.record(actor.id(), AuditLog.TRANSFER_BY_ADMIN, id).thenReturn(transfer));
		// each retry re-subscribes and so runs a new transaction from the start
		return Mono.deferContextual((context) -> once.as(this.transactional::transactional)
			.retryWhen(RETRY_ON_CONFLICT.doBeforeRetry((signal) -> this.retryLog.warn("retry",
					(skipped) -> RequestLog.with(context, () -> log.warn("Retrying transfer ({} of {}) after {}{}",
							signal.totalRetries() + 1, MAX_RETRIES, describe(signal.failure()), skipped))))));
	}

	/**
	 * Grants credits to a live user (ADMIN only, by the route table): locks the user's
	 * row, adds the credits and writes a {@code GRANT} ledger row naming the ADMIN, in
	 * one transaction.
	 */
	Mono<Transfer> grant(Actor actor, UUID userId, GrantRequest request) {
		UUID id = Ids.next();
		long amount = request.amount();
		Mono<Transfer> once = this.transfers.lockLiveUsers(userId)
			.hasElements()
			.flatMap((found) -> found ? this.transfers.addCredits(userId, amount)
					: Mono.error(ProblemException.notFound("user", userId)))
			.then(this.transfers.insertGrant(id, userId, amount, actor.id(), request.reason().strip()));
		return once.as(this.transactional::transactional);
	}

	/**
	 * A page of a live user's ledger rows, newest first, for the user or an ADMIN: a 403
	 * for anyone else, before anything is read.
	 */
	Mono<LedgerPage> ledger(Actor actor, UUID userId, String cursor, int limit) {
		if (!actor.isSelfOrAdmin(userId)) {
			return Mono.error(Actor.forbidden("read another user's transfers"));
		}
		LedgerKey before = (cursor != null) ? decodeCursor(cursor) : null;
		return this.transfers.liveUserExists(userId)
			.flatMap((found) -> found ? Mono.just(userId) : Mono.error(ProblemException.notFound("user", userId)))
			// one row more than asked tells whether another page exists without a COUNT
			.flatMap((id) -> this.transfers
				.findPageOfUser(id, (before != null) ? before.createdAt() : null, (before != null) ? before.id() : null,
						limit + 1)
				.collectList())
			.map((rows) -> {
				boolean more = rows.size() > limit;
				List<Transfer> page = more ? rows.subList(0, limit) : rows;
				Transfer last = more ? page.get(page.size() - 1) : null;
				String next = (last != null) ? Cursor.encode(List.of(last.createdAt().toString(), last.id().toString()))
						: null;
				return new LedgerPage(page.stream().map((row) -> LedgerEntry.of(row, userId)).toList(), next);
			});
	}

	private static LedgerKey decodeCursor(String cursor) {
		try {
			List<String> parts = Cursor.decode(cursor, 2);
			UUID id = Ids.parseOrNull(parts.get(1));
			if (id != null) {
				return new LedgerKey(Cursor.instant(parts.get(0)), id);
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through: the client gets one message whatever was wrong with it
		}
		throw ProblemException.invalidParameter("cursor", "is not a cursor this server issued");
	}

	private record LedgerKey(Instant createdAt, UUID id) {
	}

	/** A transfer is visible to its two parties and to ADMINs: a 403 for anyone else. */
	Mono<Transfer> find(Actor actor, UUID id) {
		return this.transfers.findById(id)
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("transfer", id)))
			.flatMap((transfer) -> (actor.isSelfOrAdmin(transfer.fromUserId()) || actor.is(transfer.toUserId()))
					? Mono.just(transfer) : Mono.error(Actor.forbidden("read a transfer you are not a party of")));
	}

	private static Mono<Void> check(Map<UUID, Balance> balances, UUID from, UUID to, long amount) {
		List<FieldError> missing = new ArrayList<>();
		if (!balances.containsKey(from)) {
			missing.add(new FieldError("fromUserId", "does not exist"));
		}
		if (!balances.containsKey(to)) {
			missing.add(new FieldError("toUserId", "does not exist"));
		}
		if (!missing.isEmpty()) {
			String fields = missing.stream().map(FieldError::field).collect(Collectors.joining(" and "));
			return Mono.error(new ProblemException(ProblemType.UNKNOWN_REFERENCE,
					fields + " refers to a user that does not exist", missing));
		}
		if (balances.get(from).credits() < amount) {
			// the balance itself stays private: the sender's credits are not the caller's
			// business yet
			return Mono.error(new ProblemException(ProblemType.INSUFFICIENT_CREDITS,
					"the sender has fewer credits than the amount; nothing was transferred",
					List.of(new FieldError("amount", "exceeds the sender's credits"))));
		}
		return Mono.empty();
	}

	/**
	 * SQLSTATE 40001 (serialization failure) or 40P01 (deadlock) anywhere in the cause
	 * chain.
	 */
	static boolean isConcurrencyFailure(Throwable ex) {
		R2dbcException database = databaseCause(ex);
		return database != null && ("40001".equals(database.getSqlState()) || "40P01".equals(database.getSqlState()));
	}

	private static R2dbcException databaseCause(Throwable ex) {
		Throwable current = ex;
		for (int depth = 0; current != null && depth < 20; depth++) {
			if (current instanceof R2dbcException database) {
				return database;
			}
			current = current.getCause();
		}
		return null;
	}

	private static String describe(Throwable ex) {
		R2dbcException database = databaseCause(ex);
		return (database != null) ? "SQLSTATE " + database.getSqlState() + " (" + database.getMessage() + ")"
				: ex.toString();
	}

}
