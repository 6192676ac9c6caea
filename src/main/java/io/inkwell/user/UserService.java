package io.inkwell.user;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.inkwell.db.Cursor;
import io.inkwell.db.Ids;
import io.inkwell.web.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Rules of the user feature: e-mail normalisation, soft delete, paging, transactions. */
@Service
class UserService {

	/** Page size when the client names none. */
	static final int DEFAULT_LIMIT = 20;

	/** Largest page; larger requests are capped to it. */
	static final int MAX_LIMIT = 100;

	/** Credits a user made through the API starts with. */
	static final long INITIAL_CREDITS = 0;

	private final UserRepository users;

	private final TransactionalOperator transactional;

	UserService(UserRepository users, TransactionalOperator transactional) {
		this.users = users;
		this.transactional = transactional;
	}

	/** Creates the user and, if given, its profile in one transaction. */
	Mono<User> create(CreateUserRequest request) {
		Role role = (request.role() != null) ? request.role() : Role.USER;
		Mono<User> created = this.users
			.insert(Ids.next(), normaliseEmail(request.email()), request.name().strip(), role, INITIAL_CREDITS)
			.flatMap((user) -> (request.profile() == null) ? Mono.just(user)
					: this.users.upsertProfile(Ids.next(), user.id(), request.profile().bio(), request.profile().avatar())
						.thenReturn(user));
		return created.as(this.transactional::transactional);
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
	Mono<User> update(UUID id, UpdateUserRequest request) {
		String email = (request.email() != null) ? normaliseEmail(request.email()) : null;
		String name = (request.name() != null) ? request.name().strip() : null;
		Mono<User> updated = this.users.update(id, email, name, request.role())
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("user", id)))
			.flatMap((user) -> (request.profile() == null) ? Mono.just(user)
					: this.users.upsertProfile(Ids.next(), id, request.profile().bio(), request.profile().avatar())
						.thenReturn(user));
		return updated.as(this.transactional::transactional);
	}

	Mono<Void> softDelete(UUID id) {
		return this.users.softDelete(id)
			.flatMap((deleted) -> deleted ? Mono.<Void>empty() : Mono.error(ProblemException.notFound("user", id)));
	}

	Mono<User> restore(UUID id) {
		return this.users.restore(id).switchIfEmpty(Mono.error(() -> ProblemException.notFound("user", id)));
	}

	Mono<Profile> profile(UUID userId) {
		return this.users.findProfileOfLiveUser(userId)
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("profile of user", userId)));
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

}
