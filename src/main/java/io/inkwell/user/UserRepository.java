package io.inkwell.user;

import java.time.Instant;
import java.util.UUID;

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
			""".formatted(USER_COLUMNS);

	private static final String UPDATE = """
			/* UserRepository.update */ UPDATE users SET
			  email = COALESCE(:email, email),
			  name = COALESCE(:name, name),
			  role = COALESCE(CAST(:role AS user_role), role),
			  updated_at = now()
			WHERE id = :id AND deleted_at IS NULL
			RETURNING %s
			""".formatted(USER_COLUMNS);

	private static final String SOFT_DELETE = """
			/* UserRepository.softDelete */ UPDATE users SET deleted_at = now(), updated_at = now() WHERE id = :id AND deleted_at IS NULL
			""";

	// restoring a live user is a no-op that still answers with the user
	private static final String RESTORE = """
			/* UserRepository.restore */ UPDATE users SET
			  updated_at = CASE WHEN deleted_at IS NULL THEN updated_at ELSE now() END,
			  deleted_at = NULL
			WHERE id = :id
			RETURNING %s
			""".formatted(USER_COLUMNS);

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

	Mono<User> findLiveById(UUID id) {
		return this.db.sql(FIND_LIVE_BY_ID).bind("id", id).map(UserRepository::toUser).one();
	}

	Flux<User> findLivePage(UUID after, int limit) {
		GenericExecuteSpec spec = (after != null) ? this.db.sql(FIND_LIVE_PAGE_AFTER).bind("after", after)
				: this.db.sql(FIND_LIVE_PAGE);
		return spec.bind("limit", limit).map(UserRepository::toUser).all();
	}

	Mono<User> update(UUID id, String email, String name, Role role) {
		GenericExecuteSpec spec = this.db.sql(UPDATE).bind("id", id);
		spec = bindNullable(spec, "email", email);
		spec = bindNullable(spec, "name", name);
		spec = bindNullable(spec, "role", (role != null) ? role.name() : null);
		return spec.map(UserRepository::toUser).one();
	}

	Mono<Boolean> softDelete(UUID id) {
		return this.db.sql(SOFT_DELETE).bind("id", id).fetch().rowsUpdated().map((rows) -> rows > 0);
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

	Mono<Profile> findProfileOfLiveUser(UUID userId) {
		return this.db.sql(FIND_PROFILE_OF_LIVE_USER).bind("userId", userId).map(UserRepository::toProfile).one();
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

}
