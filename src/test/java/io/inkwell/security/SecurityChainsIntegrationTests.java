package io.inkwell.security;

import java.util.List;
import java.util.Map;

import io.inkwell.support.IntegrationTest;
import io.inkwell.support.ServerFilters;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter chain is the one of {@link SecurityConfig} and nothing else: Spring Boot 4.1.0's
 * reactive resource-server auto-configuration would add one of its own (every request
 * authenticated, with sessions and CSRF) behind it (spring-boot#50778), which a request ours
 * does not match would then meet. (The lean chain for public requests without credentials that
 * stood before it is gone: {@link PublicRequestShortcut} serves them.) Spring Security's proxy is
 * in the web filter chain only behind the shortcut.
 */
@IntegrationTest
class SecurityChainsIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Test
	void onlyOurFilterChainsAreRegistered() {
		Map<String, SecurityWebFilterChain> chains = this.context.getBeansOfType(SecurityWebFilterChain.class);
		assertThat(chains).containsOnlyKeys("securityFilterChain");
	}

	@Test
	void theServersFilterChainHasTheShortcutWhereSpringSecuritysProxyWas() {
		List<WebFilter> filters = ServerFilters.of(this.context.getBean(HttpHandler.class));
		assertThat(filters).noneMatch(WebFilterChainProxy.class::isInstance);
		assertThat(filters).filteredOn(PublicRequestShortcut.class::isInstance).hasSize(1);
		// the WebFilter beans (the proxy among them, replaced), plus the router-function shortcut at
		// the end, which is not a bean (RouterFunctionShortcutIntegrationTests)
		assertThat(filters).hasSize(this.context.getBeanProvider(WebFilter.class).stream().toList().size() + 1);
	}

}
