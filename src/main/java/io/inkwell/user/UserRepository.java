package io.inkwell.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inkwell.security.Role;
import io.inkwell.web.IfMatch;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/** All SQL on {@code users} and {@code profiles} for the user feature. */
@Repository
class UserRepository {

	private static final String USER_COLUMNS = """
			id, email, name, role::text AS role, credits, created_at, updated_at, deleted_at""";

	private static final String INSERT = """
			/* UserRepository.insert */ INSERT INTO users (id, email, name, role, credits)
			VALUES (:id, :email, :name, CAST(:role AS user_role), :credits)
			RETURNING %s
			""".formatted(USER_COLUMNS);

	private static final String FIND_LIVE_BY_ID = """
			/* UserRepository.findLiveById */ SELECT %s FROM users WHERE id = :id AND deleted_at IS NULL
			""".formatted(USER_COLUMNS);

	private static final String FIND_LIVE_PAGE = """
			/* UserRepository.findLivePage */ SELECT %s FROM users WHERE deleted_at IS NULL ORDER BY id LIMIT :limit
			""".formatted(USER_COLUMNS);

	// ids are UUIDv7, so id order is creation order and the primary key serves the cursor
	private static final String FIND_LIVE_PAGE_AFTER = """
			/* UserRepository.findLivePageAfter */ SELECT %s FROM users WHERE deleted_at IS NULL AND id > :after ORDER BY id LIMIT :limit
			"""
		.formatted(USER_COLUMNS);

	private static final String UPDATE = """
			/* UserRepository.update */ UPDATE users SET
			  email = COALESCE(:email, email),
			  name = COALESCE(:name, name),
			  role = COALESCE(CAST(:role AS user_role), role),
			  updated_at = now()
			WHERE id = :id AND deleted_at IS NULL
			  AND (CAST(:ifMatch AS timestamptz[]) IS NULL OR updated_at = ANY(CAST(:ifMatch AS timestamptz[])))
			RETURNING %s
			""".formatted(USER_COLUMNS);

	private static final String SOFT_DELETE = """
			/* UserRepository.softDelete */ UPDATE users SET deleted_at = now(), updated_at = now() WHERE id = :id AND deleted_at IS NULL
			  AND (CAST(:ifMatch AS timestamptz[]) IS NULL OR updated_at = ANY(CAST(:ifMatch AS timestamptz[])))
			""";

	// restoring a live user is a no-op that still answers with the user
	private static final String RESTORE = """
			/* UserRepository.restore */ UPDATE users SET
			  updated_at = CASE WHEN deleted_at IS NULL THEN updated_at ELSE now() END,
			  deleted_at = NULL
			WHERE id = :id
			RETURNING %s
			""".formatted(USER_COLUMNS);

	// rows arrive as parallel arrays, so a bulk of any size is one statement with four
	// parameters; a fragment of the two bulk statements below (which carry the names), so
	// its
	// comment marks it as such rather than naming a statement
	private static final String BULK_INPUT = """
			/* fragment: UserRepository.bulkInput */ SELECT t.id, t.email, t.name, t.role, t.ord
			FROM unnest(CAST(:ids AS uuid[]), CAST(:emails AS text[]), CAST(:names AS text[]),
			            CAST(:roles AS text[])) WITH ORDINALITY AS t(id, email, name, role, ord)""";

	private static final String BULK_INSERT_SKIPPING_TAKEN = """
			/* UserRepository.insertAllSkippingTaken */ INSERT INTO users (id, email, name, role, credits)
			SELECT i.id, i.email, i.name, CAST(i.role AS user_role), :credits
			FROM (%s) i
			ORDER BY i.ord
			ON CONFLICT (email) DO NOTHING
			RETURNING id
			""".formatted(BULK_INPUT);

	// all or nothing in one statement: when any e-mail is taken (soft-deleted users
	// included) the
	// insert writes no row and the statement names the taken positions instead; a row
	// committed
	// by someone else after this statement's snapshot still trips users_email_key (a
	// plain 409)
	private static final String BULK_INSERT_ALL_OR_NONE = """
			/* UserRepository.insertAllOrNone */ WITH input AS (%s),
			taken AS (
			  SELECT i.ord FROM input i JOIN users u ON u.email = i.email
			),
			inserted AS (
			  INSERT INTO users (id, email, name, role, credits)
			  SELECT i.id, i.email, i.name, CAST(i.role AS user_role), :credits
			  FROM input i
			  WHERE NOT EXISTS (SELECT 1 FROM taken)
			  ORDER BY i.ord
			  RETURNING id
			)
			SELECT id, CAST(NULL AS bigint) AS taken_index FROM inserted
			UNION ALL
			SELECT CAST(NULL AS uuid), ord - 1 FROM taken
			""".formatted(BULK_INPUT);

	// xmax is 0 only on a freshly inserted row version; a soft-deleted owner of the
	// e-mail makes
	// the update's WHERE false, so the statement returns no row and changes nothing
	private static final String UPSERT_BY_EMAIL = """
			/* UserRepository.upsertByEmail */ INSERT INTO users (id, email, name, role, credits)
			VALUES (:id, :email, :name, COALESCE(CAST(:role AS user_role), 'USER'), :credits)
			ON CONFLICT (email) DO UPDATE SET
			  name = EXCLUDED.name,
			  role = COALESCE(CAST(:role AS user_role), users.role),
			  updated_at = now()
			WHERE users.deleted_at IS NULL
			RETURNING %s, (xmax = 0) AS inserted
			""".formatted(USER_COLUMNS);

	// a hard delete first removes what the user wrote: their comments anywhere, then
	// their posts
	// (whose comments and category links cascade); the profile cascades with the user
	private static final String DELETE_COMMENTS_OF = """
			/* UserRepository.deleteCommentsOf */ DELETE FROM comments WHERE author_id = :id
			""";

	private static final String DELETE_POSTS_OF = """
			/* UserRepository.deletePostsOf */ DELETE FROM posts WHERE author_id = :id
			""";

	private static final String HARD_DELETE = """
			/* UserRepository.hardDelete */ DELETE FROM users WHERE id = :id
			""";

	private static final String PROFILE_COLUMNS = "id, user_id, bio, avatar, post_count, created_at, updated_at";

	private static final String UPSERT_PROFILE = """
			/* UserRepository.upsertProfile */ INSERT INTO profiles (id, user_id, bio, avatar)
			VALUES (:id, :userId, :bio, :avatar)
			ON CONFLICT (user_id) DO UPDATE SET
			  bio = COALESCE(EXCLUDED.bio, profiles.bio),
			  avatar = COALESCE(EXCLUDED.avatar, profiles.avatar),
			  updated_at = now()
			RETURNING %s
			""".formatted(PROFILE_COLUMNS);

	// PUT semantics: every field is replaced, a null clears it; no row when the user is
	// absent or deleted
	private static final String REPLACE_PROFILE_OF_LIVE_USER = """
			/* UserRepository.replaceProfileOfLiveUser */ INSERT INTO profiles (id, user_id, bio, avatar)
			SELECT :id, u.id, :bio, :avatar FROM users u WHERE u.id = :userId AND u.deleted_at IS NULL
			  AND (CAST(:ifMatch AS timestamptz[]) IS NULL OR EXISTS (SELECT 1 FROM profiles e WHERE e.user_id = u.id))
			ON CONFLICT (user_id) DO UPDATE SET
			  bio = EXCLUDED.bio,
			  avatar = EXCLUDED.avatar,
			  updated_at = now()
			WHERE CAST(:ifMatch AS timestamptz[]) IS NULL OR profiles.updated_at = ANY(CAST(:ifMatch AS timestamptz[]))
			RETURNING %s, (xmax = 0) AS inserted
			""".formatted(PROFILE_COLUMNS);

	// PATCH semantics: null leaves a field as it is; no row when there is no profile or
	// no live user
	private static final String UPDATE_PROFILE_OF_LIVE_USER = """
			/* UserRepository.updateProfileOfLiveUser */ UPDATE profiles p SET
			  bio = COALESCE(:bio, p.bio),
			  avatar = COALESCE(:avatar, p.avatar),
			  updated_at = now()
			FROM users u
			WHERE p.user_id = :userId AND u.id = p.user_id AND u.deleted_at IS NULL
			  AND (CAST(:ifMatch AS timestamptz[]) IS NULL OR p.updated_at = ANY(CAST(:ifMatch AS timestamptz[])))
			RETURNING p.id, p.user_id, p.bio, p.avatar, p.post_count, p.created_at, p.updated_at
			""";

	private static final String FIND_PROFILE_OF_LIVE_USER = """
			/* UserRepository.findProfileOfLiveUser */ SELECT p.id, p.user_id, p.bio, p.avatar, p.post_count, p.created_at, p.updated_at
			FROM profiles p JOIN users u ON u.id = p.user_id
			WHERE p.user_id = :userId AND u.deleted_at IS NULL
			""";

	private final DatabaseClient db;

	UserRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<User> insert(UUID id, String email, String name, Role role, long credits) {
		return this.db.sql(INSERT)
			.bind("id", id)
			.bind("email", email)
			.bind("name", name)
			.bind("role", role.name())
			.bind("credits", credits)
			.map(UserRepository::toUser)
			.one();
	}

	/**
	 * Inserts every row whose e-mail is free, in one statement; emits the ids written.
	 */
	Flux<UUID> insertAllSkippingTaken(List<NewUser> rows, long credits) {
		return bindBulk(this.db.sql(BULK_INSERT_SKIPPING_TAKEN), rows, credits).map((row) -> row.get("id", UUID.class))
			.all();
	}

	/**
	 * Inserts all rows or, when an e-mail is taken, none, in one statement; emits the ids
	 * written or the zero-based positions of the taken e-mails.
	 */
	Flux<BulkInsertRow> insertAllOrNone(List<NewUser> rows, long credits) {
		return bindBulk(this.db.sql(BULK_INSERT_ALL_OR_NONE), rows, credits).map(UserRepository::toBulkInsertRow).all();
	}

	/**
	 * Inserts or updates the live user with this e-mail; empty when a soft-deleted user
	 * has it.
	 */
	Mono<Upserted<User>> upsertByEmail(UUID id, String email, String name, Role role, long credits) {
		GenericExecuteSpec spec = this.db.sql(UPSERT_BY_EMAIL)
			.bind("id", id)
			.bind("email", email)
			.bind("name", name)
			.bind("credits", credits);
		spec = bindNullable(spec, "role", (role != null) ? role.name() : null);
		return spec.map((row) -> new Upserted<>(toUser(row), row.get("inserted", Boolean.class))).one();
	}

	Mono<User> findLiveById(UUID id) {
		return this.db.sql(FIND_LIVE_BY_ID).bind("id", id).map(UserRepository::toUser).one();
	}

	Flux<User> findLivePage(UUID after, int limit) {
		GenericExecuteSpec spec = (after != null) ? this.db.sql(FIND_LIVE_PAGE_AFTER).bind("after", after)
				: this.db.sql(FIND_LIVE_PAGE);
		return spec.bind("limit", limit).map(UserRepository::toUser).all();
	}

	Mono<User> update(UUID id, String email, String name, Role role, IfMatch ifMatch) {
		GenericExecuteSpec spec = ifMatch.bind(this.db.sql(UPDATE).bind("id", id));
		spec = bindNullable(spec, "email", email);
		spec = bindNullable(spec, "name", name);
		spec = bindNullable(spec, "role", (role != null) ? role.name() : null);
		return spec.map(UserRepository::toUser).one();
	}

	Mono<Boolean> softDelete(UUID id, IfMatch ifMatch) {
		return ifMatch.bind(this.db.sql(SOFT_DELETE).bind("id", id)).fetch().rowsUpdated().map((rows) -> rows > 0);
	}

	/**
	 * Deletes the user's comments and posts for good (the posts' comments and links
	 * cascade).
	 */
	Mono<Void> deleteContentOf(UUID id) {
		return this.db.sql(DELETE_COMMENTS_OF)
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.then(this.db.sql(DELETE_POSTS_OF).bind("id", id).fetch().rowsUpdated())
			.then();
	}

	/** Deletes the user row for good; false when there was none. */
	Mono<Boolean> hardDelete(UUID id) {
		return this.db.sql(HARD_DELETE).bind("id", id).fetch().rowsUpdated().map((rows) -> rows > 0);
	}

	Mono<User> restore(UUID id) {
		return this.db.sql(RESTORE).bind("id", id).map(UserRepository::toUser).one();
	}

	Mono<Profile> upsertProfile(UUID id, UUID userId, String bio, String avatar) {
		GenericExecuteSpec spec = this.db.sql(UPSERT_PROFILE).bind("id", id).bind("userId", userId);
		spec = bindNullable(spec, "bio", bio);
		spec = bindNullable(spec, "avatar", avatar);
		return spec.map(UserRepository::toProfile).one();
	}

	Mono<Upserted<Profile>> replaceProfileOfLiveUser(UUID id, UUID userId, String bio, String avatar, IfMatch ifMatch) {
		GenericExecuteSpec spec = ifMatch
			.bind(this.db.sql(REPLACE_PROFILE_OF_LIVE_USER).bind("id", id).bind("userId", userId));
		spec = bindNullable(spec, "bio", bio);
		spec = bindNullable(spec, "avatar", avatar);
		return spec.map((row) -> new Upserted<>(toProfile(row), row.get("inserted", Boolean.class))).one();
	}

	Mono<Profile> updateProfileOfLiveUser(UUID userId, String bio, String avatar, IfMatch ifMatch) {
		GenericExecuteSpec spec = ifMatch.bind(this.db.sql(UPDATE_PROFILE_OF_LIVE_USER).bind("userId", userId));
		spec = bindNullable(spec, "bio", bio);
		spec = bindNullable(spec, "avatar", avatar);
		return spec.map(UserRepository::toProfile).one();
	}

	Mono<Profile> findProfileOfLiveUser(UUID userId) {
		return this.db.sql(FIND_PROFILE_OF_LIVE_USER).bind("userId", userId).map(UserRepository::toProfile).one();
	}

	private static GenericExecuteSpec bindBulk(GenericExecuteSpec spec, List<NewUser> rows, long credits) {
		return spec.bind("ids", rows.stream().map(NewUser::id).toArray(UUID[]::new))
			.bind("emails", rows.stream().map(NewUser::email).toArray(String[]::new))
			.bind("names", rows.stream().map(NewUser::name).toArray(String[]::new))
			.bind("roles", rows.stream().map((row) -> row.role().name()).toArray(String[]::new))
			.bind("credits", credits);
	}

	private static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, String value) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, String.class);
	}

	private static User toUser(Readable row) {
		return new User(row.get("id", UUID.class), row.get("email", String.class), row.get("name", String.class),
				Role.valueOf(row.get("role", String.class)), row.get("credits", Long.class),
				row.get("created_at", Instant.class), row.get("updated_at", Instant.class),
				row.get("deleted_at", Instant.class));
	}

	private static Profile toProfile(Readable row) {
		return new Profile(row.get("id", UUID.class), row.get("user_id", UUID.class), row.get("bio", String.class),
				row.get("avatar", String.class), row.get("post_count", Integer.class),
				row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
	}

	private static BulkInsertRow toBulkInsertRow(Readable row) {
		return new BulkInsertRow(row.get("id", UUID.class), row.get("taken_index", Long.class));
	}

}
