package io.inkwell.security;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.inkwell.ops.RequestLog;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.codec.HttpMessageReader;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The decision for requests that match no row of {@link AccessRules}: fail closed for a
 * route that exists but was forgotten in the table (denied, and logged), and let
 * everything else through, so that an unknown path still gets the router's 404 rather
 * than a 401. Only requests outside the table pay for asking the routers. A CORS
 * pre-flight is no call to a route (the routers' method predicates match it by its
 * {@code Access-Control-Request-Method}): it is let through, not denied and logged.
 */
final class UnlistedRouteGuard implements ReactiveAuthorizationManager<AuthorizationContext> {

	private static final Logger log = LoggerFactory.getLogger(UnlistedRouteGuard.class);

	private static final AuthorizationResult GRANTED = new AuthorizationDecision(true);

	private static final AuthorizationResult DENIED = new AuthorizationDecision(false);

	private final List<RouterFunction<?>> routes;

	private final List<HttpMessageReader<?>> readers = HandlerStrategies.withDefaults().messageReaders();

	UnlistedRouteGuard(List<RouterFunction<?>> routes) {
		this.routes = routes;
	}

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		if (CorsUtils.isPreFlightRequest(context.getExchange().getRequest())) {
			// a pre-flight calls no route (WebFlux's handler mapping answers it without
			// the
			// handler); with CORS on, Spring Security's CORS filter answered it already
			return Mono.just(GRANTED);
		}
		ServerRequest request = ServerRequest.create(context.getExchange(), this.readers);
		return Flux.fromIterable(this.routes).concatMap((route) -> route.route(request)).next().map((handler) -> {
			RequestLog.with(context.getExchange(),
					() -> log.warn("{} {} is served by a route without a row in AccessRules: denied", request.method(),
							request.path()));
			return DENIED;
		}).defaultIfEmpty(GRANTED);
	}

}
