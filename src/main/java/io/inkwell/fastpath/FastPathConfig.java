package io.inkwell.fastpath;

import io.inkwell.security.RouteTable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Puts {@link PublicRequestShortcut} where Spring Security's filter chain proxy stands in
 * the server's web filter chain, unless {@code inkwell.fast-path.enabled=false}
 * ({@code INKWELL_FAST_PATH_ENABLED=false}); then every request goes through the proxy.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "inkwell.fast-path.enabled", matchIfMissing = true)
class FastPathConfig {

	/**
	 * The firewall is the proxy's: the application's bean if there is one, else Spring
	 * Security's default, as {@code WebFluxSecurityConfiguration} gives the proxy.
	 */
	@Bean
	WebHttpHandlerBuilderCustomizer publicRequestShortcut(RouteTable table,
			ObjectProvider<ServerWebExchangeFirewall> firewall, ServerExchangeRejectedHandler rejected) {
		PublicWithoutCredentials publicWithoutCredentials = new PublicWithoutCredentials(table);
		ServerWebExchangeFirewall theFirewall = firewall.getIfAvailable(StrictServerWebExchangeFirewall::new);
		return (builder) -> builder.filters((filters) -> filters.replaceAll((filter) -> {
			if (filter instanceof WebFilterChainProxy proxy) {
				return new PublicRequestShortcut(proxy, publicWithoutCredentials, theFirewall, rejected);
			}
			return filter;
		}));
	}

}
