package io.inkwell.security;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemType;
import io.inkwell.web.RequestParameters;
import io.inkwell.web.RequestValidator;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * HTTP only: the attempt limit per client address, parse, validate, call the service,
 * shape the response.
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
		limitAttempts(request);
		return this.validator.body(request, RegisterRequest.class)
			.flatMap(this.auth::register)
			.flatMap((account) -> ServerResponse.created(URI.create("/api/users/" + account.id())).bodyValue(account));
	}

	Mono<ServerResponse> login(ServerRequest request) {
		limitAttempts(request);
		return this.validator.body(request, LoginRequest.class)
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

	/** Counted before anything else, so that malformed attempts count too. */
	private void limitAttempts(ServerRequest request) {
		Duration wait = this.limiter.tryAcquire(clientAddress(request));
		if (!wait.isZero()) {
			long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
			ProblemException tooMany = new ProblemException(ProblemType.TOO_MANY_REQUESTS,
					"too many login attempts from this address; retry in " + seconds + " s");
			tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			throw tooMany;
		}
	}

	/**
	 * The peer's IP address. Behind a proxy, set {@code server.forward-headers-strategy}
	 * so that this is the client's address from {@code Forwarded}/{@code X-Forwarded-For}
	 * (only when the proxy is trusted to set them).
	 */
	private static String clientAddress(ServerRequest request) {
		return request.remoteAddress()
			.map((InetSocketAddress address) -> (address.getAddress() != null) ? address.getAddress().getHostAddress()
					: address.getHostString())
			.orElse("unknown");
	}

}
