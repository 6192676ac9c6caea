package io.inkwell.fastpath;

import reactor.core.publisher.Mono;

import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Stands where Spring Security's {@link WebFilterChainProxy} stands (it replaces the
 * proxy in the server's sorted filter list, so it needs no order of its own). A request
 * without credentials to a public route ({@link PublicWithoutCredentials}) passes the
 * same firewall, with the same answer when refused, and gets the same security headers
 * ({@link SecurityHeaders}), and nothing more: there is nobody to authenticate and the
 * route table permits it. Every other request goes through the proxy and its filter chain
 * unchanged.
 */
final class PublicRequestShortcut implements WebFilter {

	private final WebFilterChainProxy proxy;

	private final PublicWithoutCredentials publicWithoutCredentials;

	private final ServerWebExchangeFirewall firewall;

	private final ServerExchangeRejectedHandler rejected;

	PublicRequestShortcut(WebFilterChainProxy proxy, PublicWithoutCredentials publicWithoutCredentials,
			ServerWebExchangeFirewall firewall, ServerExchangeRejectedHandler rejected) {
		this.proxy = proxy;
		this.publicWithoutCredentials = publicWithoutCredentials;
		this.firewall = firewall;
		this.rejected = rejected;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.publicWithoutCredentials.test(exchange)) {
			return this.proxy.filter(exchange, chain);
		}
		return this.firewall.getFirewalledExchange(exchange).flatMap((firewalled) -> {
			firewalled.getResponse().beforeCommit(() -> {
				SecurityHeaders.write(firewalled);
				return Mono.empty();
			});
			return chain.filter(firewalled);
		}).onErrorResume(ServerExchangeRejectedException.class, (ex) -> this.rejected.handle(exchange, ex));
	}

	/**
	 * The name of the filter's checkpoint on every request (as
	 * {@code RequestIdFilter}'s).
	 */
	@Override
	public String toString() {
		return "PublicRequestShortcut";
	}

}
