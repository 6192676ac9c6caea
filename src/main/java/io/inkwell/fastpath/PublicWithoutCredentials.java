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
 * permit the request.
 */
final class PublicWithoutCredentials implements Predicate<ServerWebExchange> {

	private final RouteTable table;

	PublicWithoutCredentials(RouteTable table) {
		this.table = table;
	}

	@Override
	public boolean test(ServerWebExchange exchange) {
		if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			return false;
		}
		AccessRule rule = this.table.match(exchange);
		return rule != null && rule.access() == Access.PUBLIC;
	}

}
