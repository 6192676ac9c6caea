package io.inkwell.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Serves {@code HEAD} as the {@code GET} of the same URL (RFC 9110 §9.3.2): the request
 * goes on as a GET, so the route table, the security chain, the fast path and the routers
 * (whose {@code GET} predicates do not match HEAD) treat it exactly as that GET. The
 * server's adapter already wrapped the response of a HEAD request in Spring's
 * {@code HttpHeadResponseDecorator}, which drops the body and keeps its
 * {@code Content-Length}, so the answer has the GET's status and headers and no body.
 * Placed right after {@code RequestIdFilter}, before Spring Security's filter chain.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class HeadAsGet implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getMethod() != HttpMethod.HEAD) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().request((request) -> request.method(HttpMethod.GET)).build());
	}

	/** The filter's name in WebFlux's checkpoint on every request. */
	@Override
	public String toString() {
		return "HeadAsGet";
	}

}
