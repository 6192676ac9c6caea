package io.inkwell.security;

import java.util.Map;

import io.inkwell.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter chains are the two of {@link SecurityConfig} and nothing else: Spring Boot 4.1.0's
 * reactive resource-server auto-configuration would add one of its own (every request
 * authenticated, with sessions and CSRF) behind them (spring-boot#50778), which a request
 * neither of ours matches would then meet.
 */
@IntegrationTest
class SecurityChainsIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Test
	void onlyOurFilterChainsAreRegistered() {
		Map<String, SecurityWebFilterChain> chains = this.context.getBeansOfType(SecurityWebFilterChain.class);
		assertThat(chains).containsOnlyKeys("publicWithoutCredentialsChain", "securityFilterChain");
	}

}
