package io.inkwell.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.inkwell.audit.AuditLog;
import io.inkwell.db.Ids;
import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemException.FieldError;
import io.inkwell.web.ProblemType;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Sign-up, login, "who am I" and token revocation. Hashing and checking passwords
 * (bcrypt, slow by design) runs on the bounded elastic scheduler, never on an event-loop
 * thread. A failed login answers the same, after the same work, whether the e-mail is
 * unknown, belongs to a soft-deleted user or to a user without a password, or the
 * password is wrong.
 */
@Service
class AuthService {

	private final AuthRepository accounts;

	private final PasswordEncoder passwords;

	private final TokenIssuer tokens;

	private final AccountStates states;

	private final AuditLog audit;

	private final TransactionalOperator transactional;

	/**
	 * Checked against when there is no hash to check, so that every failure costs one
	 * bcrypt.
	 */
	private final String dummyHash;

	AuthService(AuthRepository accounts, PasswordEncoder passwords, TokenIssuer tokens, AccountStates states,
			AuditLog audit, TransactionalOperator transactional) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.tokens = tokens;
		this.states = states;
		this.audit = audit;
		this.transactional = transactional;
		// at start-up, on the main thread
		this.dummyHash = passwords.encode(UUID.randomUUID().toString());
	}

	Mono<Account> register(RegisterRequest request) {
		if (!request.passwordFitsBcrypt()) {
			return Mono.error(new ProblemException(ProblemType.VALIDATION, "1 field(s) are invalid",
					List.of(new FieldError("password",
							"must be at most " + RegisterRequest.MAX_PASSWORD_BYTES + " bytes long"))));
		}
		String email = normaliseEmail(request.email());
		String name = request.name().strip();
		return Mono.fromCallable(() -> this.passwords.encode(request.password()))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((hash) -> this.accounts.insert(Ids.next(), email, name, hash));
	}

	Mono<IssuedToken> login(LoginRequest request) {
		return this.accounts.findCredentials(normaliseEmail(request.email()))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((found) -> Mono.fromCallable(() -> check(found, request.password()))
				.subscribeOn(Schedulers.boundedElastic()))
			.flatMap((checked) -> checked
				.map((credentials) -> Mono
					.just(this.tokens.issue(credentials.id(), credentials.role(), credentials.tokenVersion())))
				.orElseGet(() -> Mono.error(AuthService::loginFailed)));
	}

	/**
	 * The caller's live account; a token of a user deleted since is refused like a bad
	 * token.
	 */
	Mono<Account> me(Actor actor) {
		return this.accounts.findLiveAccount(actor.id())
			.switchIfEmpty(Mono.error(() -> new ProblemException(ProblemType.UNAUTHORIZED,
					"the account of this token no longer exists")));
	}

	/**
	 * Revokes every token of {@code userId} issued so far (the caller's own with
	 * logout-all, anyone's for an ADMIN), with its audit entry in the same transaction;
	 * takes effect in this process at once. 404 when there is no such user.
	 */
	Mono<Void> revokeTokens(Actor actor, UUID userId) {
		Mono<Void> revoked = this.accounts.revokeTokens(userId)
			.flatMap((found) -> found ? this.audit.record(actor.id(), AuditLog.TOKENS_REVOKE, userId)
					: Mono.error(ProblemException.notFound("user", userId)));
		return revoked.as(this.transactional::transactional).doOnSuccess((done) -> this.states.evict(userId));
	}

	private Optional<Credentials> check(Optional<Credentials> found, String password) {
		String hash = found.map(Credentials::passwordHash).orElse(null);
		if (hash == null) {
			matches(password, this.dummyHash);
			return Optional.empty();
		}
		return matches(password, hash) ? found : Optional.empty();
	}

	private boolean matches(String password, String hash) {
		try {
			return this.passwords.matches(password, hash);
		}
		catch (IllegalArgumentException ex) {
			// longer than bcrypt accepts: no stored password can be that
			return false;
		}
	}

	/**
	 * One answer for every failed login: nothing tells an unknown e-mail from a wrong
	 * password.
	 */
	private static ProblemException loginFailed() {
		return new ProblemException(ProblemType.UNAUTHORIZED, "e-mail or password is wrong");
	}

	/** As the user feature stores e-mails: stripped and lower-cased. */
	private static String normaliseEmail(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

}
