package io.inkwell.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;

/**
 * Matches the requests that carry no credentials (no {@code Authorization} header; bearer tokens
 * are read from that header only) and whose row in the {@link RouteTable} is
 * {@link Access#PUBLIC}. For them the full chain would authenticate nothing and permit the
 * request; the lean chain that serves them ({@link SecurityConfig}) keeps the firewall and the
 * security headers.
 */
final class PublicWithoutCredentials implements ServerWebExchangeMatcher {

	private static final Mono<MatchResult> MATCH = MatchResult.match();

	private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

	private final RouteTable table;

	PublicWithoutCredentials(RouteTable table) {
		this.table = table;
	}

	@Override
	public Mono<MatchResult> matches(ServerWebExchange exchange) {
		if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			return NO_MATCH;
		}
		AccessRule rule = this.table.match(exchange);
		return (rule != null && rule.access() == Access.PUBLIC) ? MATCH : NO_MATCH;
	}

}
