package io.inkwell.security;

import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemHandler;
import io.inkwell.web.ProblemType;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Security's own 401 and 403 answers, written by the one error writer
 * ({@link ProblemHandler}) so that they have the same problem+json shape as every other
 * error. The detail says whether a token was missing or refused, never why a token was
 * refused (the decoder's reason can echo token contents).
 */
final class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private final ProblemHandler problems;

	SecurityProblems(ProblemHandler problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		boolean tokenRefused = ex instanceof OAuth2AuthenticationException;
		ProblemException problem = new ProblemException(ProblemType.UNAUTHORIZED,
				tokenRefused ? "the bearer token is invalid or expired; log in again"
						: "this request needs a bearer token (POST /api/auth/login)");
		// RFC 6750 §3
		problem.getHeaders()
			.set(HttpHeaders.WWW_AUTHENTICATE, tokenRefused ? "Bearer error=\"invalid_token\"" : "Bearer");
		return this.problems.handle(exchange, problem);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return this.problems.handle(exchange,
				new ProblemException(ProblemType.FORBIDDEN, "your role does not allow this request"));
	}

}
