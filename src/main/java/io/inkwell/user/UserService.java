package io.inkwell.user;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.inkwell.audit.AuditLog;
import io.inkwell.db.Cursor;
import io.inkwell.db.Ids;
import io.inkwell.security.AccountStates;
import io.inkwell.security.Actor;
import io.inkwell.security.Role;
import io.inkwell.web.IfMatch;
import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemException.FieldError;
import io.inkwell.web.ProblemType;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Rules of the user feature: e-mail normalisation, soft delete, paging, transactions, and
 * who may change an account (the route table lets only ADMINs create, list, restore and
 * hard-delete; here a user may change and soft-delete their own account, and only an
 * ADMIN changes roles).
 */
@Service
class UserService {

	/** Page size when the client names none. */
	static final int DEFAULT_LIMIT = 20;

	/** Largest page; larger requests are capped to it. */
	static final int MAX_LIMIT = 100;

	/** Most users one bulk create may carry (larger requests are refused, not split). */
	static final int MAX_BULK_USERS = 1000;

	/** Credits a user made through the API starts with. */
	static final long INITIAL_CREDITS = 0;

	private final UserRepository users;

	private final TransactionalOperator transactional;

	private final AuditLog audit;

	private final AccountStates accounts;

	UserService(UserRepository users, TransactionalOperator transactional, AuditLog audit, AccountStates accounts) {
		this.users = users;
		this.transactional = transactional;
		this.audit = audit;
		this.accounts = accounts;
	}

	/** Creates the user and, if given, its profile in one transaction. */
	Mono<User> create(CreateUserRequest request) {
		Role role = (request.role() != null) ? request.role() : Role.USER;
		Mono<User> inserted = this.users.insert(Ids.next(), normaliseEmail(request.email()), request.name().strip(),
				role, INITIAL_CREDITS);
		if (request.profile() == null) {
			// one INSERT is atomic on its own: no BEGIN/COMMIT round trips
			return inserted;
		}
		return inserted
			.flatMap((user) -> this.users
				.upsertProfile(Ids.next(), user.id(), request.profile().bio(), request.profile().avatar())
				.thenReturn(user))
			.as(this.transactional::transactional);
	}

	/**
	 * Creates many users in one statement. Repeated e-mails within the request and
	 * e-mails that are already taken (by live or soft-deleted users) are skipped when
	 * {@code skipDuplicates}; otherwise either one is a 409 naming every offending
	 * {@code users[i].email} and nothing is written.
	 */
	Mono<BulkCreateResult> createAll(List<BulkUserRequest> requests, boolean skipDuplicates) {
		List<NewUser> rows = new ArrayList<>(requests.size());
		// request position of each row, so that database answers can name the client's
		// index
		List<Integer> positions = new ArrayList<>(requests.size());
		Map<String, Integer> firstPosition = new HashMap<>();
		List<FieldError> repeated = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			BulkUserRequest request = requests.get(i);
			String email = normaliseEmail(request.email());
			Integer first = firstPosition.putIfAbsent(email, i);
			if (first != null) {
				repeated.add(new FieldError(userField(i, "email"), "repeats " + userField(first, "email")));
				continue;
			}
			Role role = (request.role() != null) ? request.role() : Role.USER;
			rows.add(new NewUser(Ids.next(), email, request.name().strip(), role));
			positions.add(i);
		}
		if (skipDuplicates) {
			return this.users.insertAllSkippingTaken(rows, INITIAL_CREDITS)
				.collect(HashSet<UUID>::new, HashSet::add)
				.map((written) -> {
					List<UUID> ids = rows.stream().map(NewUser::id).filter(written::contains).toList();
					return new BulkCreateResult(ids.size(), requests.size() - ids.size(), ids);
				});
		}
		if (!repeated.isEmpty()) {
			return Mono.error(duplicates("the request repeats e-mail addresses", repeated));
		}
		return this.users.insertAllOrNone(rows, INITIAL_CREDITS).collectList().map((result) -> {
			List<FieldError> taken = result.stream()
				.filter((row) -> row.takenIndex() != null)
				.map((row) -> positions.get(row.takenIndex().intValue()))
				.sorted()
				.map((position) -> new FieldError(userField(position, "email"), "is already taken"))
				.toList();
			if (!taken.isEmpty()) {
				throw duplicates("e-mail addresses are already taken; nothing was created", taken);
			}
			return new BulkCreateResult(rows.size(), 0, rows.stream().map(NewUser::id).toList());
		});
	}

	/**
	 * Creates the user with this e-mail or updates its name (and role, when given). A
	 * soft-deleted user keeps its e-mail: upserting it is a 409, because silently
	 * bringing back a deleted account is a decision for the explicit restore.
	 */
	Mono<Upserted<User>> upsertByEmail(Actor actor, String email, UpsertUserRequest request) {
		Mono<Upserted<User>> upserted = this.users
			.upsertByEmail(Ids.next(), normaliseEmail(email), request.name().strip(), request.role(), INITIAL_CREDITS)
			.switchIfEmpty(Mono.error(
					() -> duplicates("a soft-deleted user has this e-mail; restore that user or choose another e-mail",
							List.of(new FieldError("email", "belongs to a soft-deleted user")))));
		if (request.role() == null) {
			return upserted;
		}
		// a role given for an existing user is a role change: audited, and its cached
		// account state evicted
		return upserted
			.flatMap((result) -> result.created() ? Mono.just(result)
					: this.audit.record(actor.id(), AuditLog.USER_ROLE_CHANGE, result.value().id()).thenReturn(result))
			.as(this.transactional::transactional)
			.doOnNext((result) -> this.accounts.evict(result.value().id()));
	}

	Mono<User> find(UUID id) {
		return this.users.findLiveById(id).switchIfEmpty(Mono.error(() -> ProblemException.notFound("user", id)));
	}

	Mono<UserPage> page(String cursor, int limit) {
		UUID after = (cursor != null) ? decodeCursor(cursor) : null;
		// one row more than asked tells whether another page exists without a COUNT
		return this.users.findLivePage(after, limit + 1).collectList().map((rows) -> {
			boolean more = rows.size() > limit;
			List<User> page = more ? rows.subList(0, limit) : rows;
			String next = more ? Cursor.encode(List.of(page.get(page.size() - 1).id().toString())) : null;
			return new UserPage(page.stream().map(UserResponse::of).toList(), next);
		});
	}

	/** Applies the present fields; user and profile change in one transaction. */
	Mono<User> update(Actor actor, UUID id, UpdateUserRequest request, IfMatch ifMatch) {
		if (!actor.isSelfOrAdmin(id)) {
			return Mono.error(Actor.forbidden("change another user's account"));
		}
		if (request.role() != null && !actor.isAdmin()) {
			return Mono.error(Actor.forbidden("change a role"));
		}
		String email = (request.email() != null) ? normaliseEmail(request.email()) : null;
		String name = (request.name() != null) ? request.name().strip() : null;
		Mono<User> updated = this.users.update(id, email, name, request.role(), ifMatch)
			.switchIfEmpty(Mono.defer(() -> missing(ifMatch, id)))
			.flatMap((user) -> (request.role() == null) ? Mono.just(user)
					: this.audit.record(actor.id(), AuditLog.USER_ROLE_CHANGE, id).thenReturn(user))
			.flatMap((user) -> (request.profile() == null) ? Mono.just(user)
					: this.users.upsertProfile(Ids.next(), id, request.profile().bio(), request.profile().avatar())
						.thenReturn(user));
		return updated.as(this.transactional::transactional).doOnNext((user) -> {
			if (request.role() != null) {
				this.accounts.evict(id);
			}
		});
	}

	/**
	 * Soft-deletes the account and records it in the audit log, in one transaction; its
	 * tokens are refused from then on (at once in this process).
	 */
	Mono<Void> softDelete(Actor actor, UUID id, IfMatch ifMatch) {
		if (!actor.isSelfOrAdmin(id)) {
			return Mono.error(Actor.forbidden("delete another user's account"));
		}
		Mono<Void> deleted = this.users.softDelete(id, ifMatch)
			.flatMap((found) -> found ? this.audit.record(actor.id(), AuditLog.USER_SOFT_DELETE, id)
					: missing(ifMatch, id).then());
		return deleted.as(this.transactional::transactional).doOnSuccess((done) -> this.accounts.evict(id));
	}

	/**
	 * The answer to a write that found no row: 412 when it was conditional and the user
	 * is there, else 404.
	 */
	private Mono<User> missing(IfMatch ifMatch, UUID id) {
		ProblemException notFound = ProblemException.notFound("user", id);
		return ifMatch.conditional() ? ifMatch.failed(this.users.findLiveById(id).hasElement(), notFound)
				: Mono.error(notFound);
	}

	/**
	 * Deletes the user for good, with everything they wrote (their comments, their posts
	 * and the comments and category links of those) and their profile, and records it in
	 * the audit log, all in one transaction. Rows of other features that must outlive a
	 * user (e.g. transfers) make it a 409, and nothing is deleted.
	 */
	Mono<Void> hardDelete(Actor actor, UUID id) {
		Mono<Void> deleted = this.users.deleteContentOf(id)
			.then(this.users.hardDelete(id))
			.flatMap((found) -> found ? this.audit.record(actor.id(), AuditLog.USER_HARD_DELETE, id)
					: Mono.error(ProblemException.notFound("user", id)));
		return deleted.as(this.transactional::transactional).doOnSuccess((done) -> this.accounts.evict(id));
	}

	/**
	 * Restores the soft-deleted user and records it in the audit log, in one transaction.
	 */
	Mono<User> restore(Actor actor, UUID id) {
		Mono<User> restored = this.users.restore(id)
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("user", id)))
			.flatMap((user) -> this.audit.record(actor.id(), AuditLog.USER_RESTORE, id).thenReturn(user));
		return restored.as(this.transactional::transactional).doOnNext((user) -> this.accounts.evict(id));
	}

	Mono<Profile> profile(UUID userId) {
		return this.users.findProfileOfLiveUser(userId)
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("profile of user", userId)));
	}

	/** Creates or replaces the profile of a live user; absent fields are cleared. */
	Mono<Upserted<Profile>> replaceProfile(Actor actor, UUID userId, ProfileRequest request, IfMatch ifMatch) {
		if (!actor.isSelfOrAdmin(userId)) {
			return Mono.error(Actor.forbidden("change another user's profile"));
		}
		return this.users.replaceProfileOfLiveUser(Ids.next(), userId, request.bio(), request.avatar(), ifMatch)
			.switchIfEmpty(Mono.defer(() -> missing(ifMatch, userId).then(Mono.empty())));
	}

	/** Changes the present fields of an existing profile of a live user. */
	Mono<Profile> updateProfile(Actor actor, UUID userId, ProfileRequest request, IfMatch ifMatch) {
		if (!actor.isSelfOrAdmin(userId)) {
			return Mono.error(Actor.forbidden("change another user's profile"));
		}
		ProblemException notFound = ProblemException.notFound("profile of user", userId);
		return this.users.updateProfileOfLiveUser(userId, request.bio(), request.avatar(), ifMatch)
			.switchIfEmpty(Mono.defer(() -> ifMatch.conditional()
					? ifMatch.failed(this.users.findProfileOfLiveUser(userId).hasElement(), notFound)
					: Mono.error(notFound)));
	}

	static String normaliseEmail(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	private static UUID decodeCursor(String cursor) {
		try {
			UUID id = Ids.parseOrNull(Cursor.decode(cursor, 1).get(0));
			if (id != null) {
				return id;
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through: the client gets one message whatever was wrong with it
		}
		throw ProblemException.invalidParameter("cursor", "is not a cursor this server issued");
	}

	private static String userField(int position, String field) {
		return "users[" + position + "]." + field;
	}

	private static ProblemException duplicates(String detail, List<FieldError> errors) {
		return new ProblemException(ProblemType.DUPLICATE, detail, errors);
	}

}
