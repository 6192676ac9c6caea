package io.inkwell.security;

import reactor.core.publisher.Mono;

import org.springframework.security.authorization.AuthenticatedReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorityReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;

/**
 * The authorization of the full filter chain: the request's row of the {@link RouteTable}
 * decides, with the managers Spring Security's {@code permitAll()},
 * {@code authenticated()} and {@code hasRole()} use; requests without a row go to the
 * {@link UnlistedRouteGuard}. One lookup in the compiled table instead of one reactive
 * matcher per row until a row matches.
 */
final class RouteAuthorization implements ReactiveAuthorizationManager<AuthorizationContext> {

	private static final Mono<AuthorizationResult> GRANTED = Mono.just(new AuthorizationDecision(true));

	private final RouteTable table;

	private final UnlistedRouteGuard unlisted;

	private final ReactiveAuthorizationManager<AuthorizationContext> authenticated = AuthenticatedReactiveAuthorizationManager
		.authenticated();

	private final ReactiveAuthorizationManager<AuthorizationContext> moderator = AuthorityReactiveAuthorizationManager
		.hasAnyRole("MODERATOR", "ADMIN");

	private final ReactiveAuthorizationManager<AuthorizationContext> admin = AuthorityReactiveAuthorizationManager
		.hasRole("ADMIN");

	RouteAuthorization(RouteTable table, UnlistedRouteGuard unlisted) {
		this.table = table;
		this.unlisted = unlisted;
	}

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		AccessRule rule = this.table.match(context.getExchange());
		if (rule == null) {
			return this.unlisted.authorize(authentication, context);
		}
		return switch (rule.access()) {
			case PUBLIC -> GRANTED;
			case AUTHENTICATED -> this.authenticated.authorize(authentication, context);
			case MODERATOR -> this.moderator.authorize(authentication, context);
			case ADMIN -> this.admin.authorize(authentication, context);
		};
	}

}
