package io.inkwell.security;

import java.net.URI;
import java.util.UUID;

import io.inkwell.web.ProblemException;
import io.inkwell.web.RequestParameters;
import io.inkwell.web.RequestValidator;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * HTTP only: the attempt limits (per client address before anything else, so that
 * malformed attempts count too; per account once the e-mail is read), parse, validate,
 * call the service, shape the response.
 */
@Component
class AuthHandler {

	private final AuthService auth;

	private final LoginRateLimiter limiter;

	private final RequestValidator validator;

	AuthHandler(AuthService auth, LoginRateLimiter limiter, RequestValidator validator) {
		this.auth = auth;
		this.limiter = limiter;
		this.validator = validator;
	}

	Mono<ServerResponse> register(ServerRequest request) {
		this.limiter.limitAddress(request);
		return this.validator.body(request, RegisterRequest.class)
			.doOnNext((body) -> this.limiter.limitAccount(body.email()))
			.flatMap(this.auth::register)
			.flatMap((account) -> ServerResponse.created(URI.create("/api/users/" + account.id())).bodyValue(account));
	}

	Mono<ServerResponse> login(ServerRequest request) {
		this.limiter.limitAddress(request);
		return this.validator.body(request, LoginRequest.class)
			.doOnNext((body) -> this.limiter.limitAccount(body.email()))
			.flatMap(this.auth::login)
			.flatMap((issued) -> ServerResponse.ok().bodyValue(TokenResponse.of(issued)));
	}

	Mono<ServerResponse> me(ServerRequest request) {
		if (!request.queryParams().isEmpty()) {
			throw ProblemException.invalidParameter(request.queryParams().keySet().iterator().next(),
					"is not a parameter of this operation");
		}
		return Actor.of(request).flatMap(this.auth::me).flatMap((account) -> ServerResponse.ok().bodyValue(account));
	}

	/** Revokes every token of the caller, this one included. */
	Mono<ServerResponse> logoutAll(ServerRequest request) {
		if (!request.queryParams().isEmpty()) {
			throw ProblemException.invalidParameter(request.queryParams().keySet().iterator().next(),
					"is not a parameter of this operation");
		}
		return Actor.of(request)
			.flatMap((actor) -> this.auth.revokeTokens(actor, actor.id()))
			.then(ServerResponse.noContent().build());
	}

	/** ADMIN: revokes every token of the user. */
	Mono<ServerResponse> revokeTokens(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.auth.revokeTokens(actor, id))
			.then(ServerResponse.noContent().build());
	}

}
