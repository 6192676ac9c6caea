package io.inkwell.security;

import java.util.UUID;

import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemType;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Who makes a request: the user id and role of a valid bearer token, or
 * {@link #ANONYMOUS}. Handlers read it with {@link #of(ServerRequest)} and pass it to the
 * services, which decide ownership with the predicates below.
 *
 * @param id the user's id (null when anonymous)
 * @param role the user's role when the token was issued (null when anonymous)
 */
public record Actor(UUID id, Role role) {

	public static final Actor ANONYMOUS = new Actor(null, null);

	/** The caller of {@code request}: the token's user, or {@link #ANONYMOUS}. */
	public static Mono<Actor> of(ServerRequest request) {
		return request.principal()
			.filter(ActorAuthentication.class::isInstance)
			.map((principal) -> ((ActorAuthentication) principal).getPrincipal())
			.defaultIfEmpty(ANONYMOUS);
	}

	public boolean isAuthenticated() {
		return this.id != null;
	}

	public boolean isAdmin() {
		return this.role == Role.ADMIN;
	}

	/** MODERATOR or ADMIN. */
	public boolean isModerator() {
		return this.role == Role.MODERATOR || this.role == Role.ADMIN;
	}

	/** Whether this is the user {@code userId} (false for anonymous). */
	public boolean is(UUID userId) {
		return this.id != null && this.id.equals(userId);
	}

	/** The account's own user, or an ADMIN. */
	public boolean isSelfOrAdmin(UUID userId) {
		return is(userId) || isAdmin();
	}

	/** A 403 unless this is the user {@code userId} or an ADMIN. */
	public void requireSelfOrAdmin(UUID userId, String what) {
		if (!isSelfOrAdmin(userId)) {
			throw forbidden(what);
		}
	}

	/** The 403 problem of a caller who may not do {@code what}. */
	public static ProblemException forbidden(String what) {
		return new ProblemException(ProblemType.FORBIDDEN, "you may not " + what);
	}

	@Override
	public String toString() {
		return isAuthenticated() ? "Actor[" + this.id + ", " + this.role + "]" : "Actor[anonymous]";
	}

}
