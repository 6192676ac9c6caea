package io.inkwell.security;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of authentication, on {@code users}: sign-up, credentials of a login, the
 * caller's account.
 */
@Repository
class AuthRepository {

	private static final String ACCOUNT_COLUMNS = "id, email, name, role::text AS role, credits, created_at, updated_at";

	private static final String INSERT = """
			/* AuthRepository.insert */ INSERT INTO users (id, email, name, role, password_hash, credits)
			VALUES (:id, :email, :name, 'USER', :passwordHash, 0)
			RETURNING %s
			""".formatted(ACCOUNT_COLUMNS);

	// soft-deleted users have no credentials: they cannot log in
	private static final String FIND_CREDENTIALS = """
			/* AuthRepository.findCredentials */ SELECT id, role::text AS role, token_version, password_hash
			FROM users WHERE email = :email AND deleted_at IS NULL
			""";

	private static final String FIND_LIVE_ACCOUNT = """
			/* AuthRepository.findLiveAccount */ SELECT %s FROM users WHERE id = :id AND deleted_at IS NULL
			""".formatted(ACCOUNT_COLUMNS);

	// soft-deleted users too: their tokens are refused, but they exist
	private static final String FIND_ACCOUNT_STATE = """
			/* AuthRepository.findAccountState */ SELECT role::text AS role, deleted_at IS NULL AS live, token_version
			FROM users WHERE id = :id
			""";

	private static final String REVOKE_TOKENS = """
			/* AuthRepository.revokeTokens */ UPDATE users SET token_version = token_version + 1 WHERE id = :id
			""";

	private final DatabaseClient db;

	AuthRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<Account> insert(UUID id, String email, String name, String passwordHash) {
		return this.db.sql(INSERT)
			.bind("id", id)
			.bind("email", email)
			.bind("name", name)
			.bind("passwordHash", passwordHash)
			.map(AuthRepository::toAccount)
			.one();
	}

	Mono<Credentials> findCredentials(String email) {
		return this.db.sql(FIND_CREDENTIALS).bind("email", email).map(AuthRepository::toCredentials).one();
	}

	Mono<Account> findLiveAccount(UUID id) {
		return this.db.sql(FIND_LIVE_ACCOUNT).bind("id", id).map(AuthRepository::toAccount).one();
	}

	/** Role, liveness and token version of the user; empty when there is no such row. */
	Mono<AccountState> findAccountState(UUID id) {
		return this.db.sql(FIND_ACCOUNT_STATE)
			.bind("id", id)
			.map((row) -> new AccountState(Role.valueOf(row.get("role", String.class)), row.get("live", Boolean.class),
					row.get("token_version", Integer.class)))
			.one();
	}

	/**
	 * Raises the user's token version, so every token issued before is refused; false
	 * when there is no such user.
	 */
	Mono<Boolean> revokeTokens(UUID id) {
		return this.db.sql(REVOKE_TOKENS).bind("id", id).fetch().rowsUpdated().map((rows) -> rows > 0);
	}

	private static Account toAccount(Readable row) {
		return new Account(row.get("id", UUID.class), row.get("email", String.class), row.get("name", String.class),
				Role.valueOf(row.get("role", String.class)), row.get("credits", Long.class),
				row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
	}

	private static Credentials toCredentials(Readable row) {
		return new Credentials(row.get("id", UUID.class), Role.valueOf(row.get("role", String.class)),
				row.get("token_version", Integer.class), row.get("password_hash", String.class));
	}

}
