package io.inkwell.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authentication of a request with a valid bearer token: its principal is the
 * {@link Actor}; its credentials are not kept, so no log line or {@code toString} can
 * show the token.
 */
final class ActorAuthentication extends AbstractAuthenticationToken {

	private final Actor actor;

	ActorAuthentication(Actor actor) {
		super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
		this.actor = actor;
		setAuthenticated(true);
	}

	@Override
	public Actor getPrincipal() {
		return this.actor;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public String getName() {
		return String.valueOf(this.actor.id());
	}

}
