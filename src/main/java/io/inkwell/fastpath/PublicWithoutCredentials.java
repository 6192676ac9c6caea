package io.inkwell.fastpath;

import java.util.function.Predicate;

import io.inkwell.security.Access;
import io.inkwell.security.AccessRule;
import io.inkwell.security.RouteTable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Matches the requests that carry no credentials (no {@code Authorization} header; bearer
 * tokens are read from that header only) and whose row in the {@link RouteTable} is
 * {@link Access#PUBLIC}. For them Spring Security's chain would authenticate nothing and
 * permit the request. A request with an {@code Origin} header (a browser's cross-origin
 * call) takes the chain, whose CORS filter adds the {@code Access-Control-*} headers, so
 * CORS is answered in that one place.
 */
final class PublicWithoutCredentials implements Predicate<ServerWebExchange> {

	private final RouteTable table;

	PublicWithoutCredentials(RouteTable table) {
		this.table = table;
	}

	@Override
	public boolean test(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		if (headers.containsHeader(HttpHeaders.AUTHORIZATION) || headers.containsHeader(HttpHeaders.ORIGIN)) {
			return false;
		}
		AccessRule rule = this.table.match(exchange);
		return rule != null && rule.access() == Access.PUBLIC;
	}

}
