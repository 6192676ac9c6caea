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
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter chain is the one of {@link SecurityConfig} and nothing else: Spring Boot
 * 4.1.0's reactive resource-server auto-configuration would add one of its own (every
 * request authenticated, with sessions and CSRF) behind it (spring-boot#50778), which a
 * request ours does not match would then meet. The server runs the {@code WebFilter}
 * beans and nothing more (where Spring Security's proxy stands, see
 * {@code FastPathIntegrationTests}).
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
	void theServersFiltersAreTheWebFilterBeans() {
		List<WebFilter> filters = ServerFilters.of(this.context.getBean(HttpHandler.class));
		assertThat(filters).hasSize(this.context.getBeanProvider(WebFilter.class).stream().toList().size());
	}

}
