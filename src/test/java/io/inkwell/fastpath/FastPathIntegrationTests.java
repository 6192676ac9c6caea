package io.inkwell.fastpath;

import java.util.List;
import java.util.Map;

import io.inkwell.security.RouteTable;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.ServerFilters;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path stands where Spring Security's filter chain proxy stood, unless
 * {@code inkwell.fast-path.enabled=false} or {@code INKWELL_FAST_PATH_ENABLED=false};
 * then the proxy itself serves every request. The application's context here follows the
 * environment of the test run, so CI's run with the variable set checks that it reaches
 * the context.
 */
@IntegrationTest
class FastPathIntegrationTests {

	// without the test run's own environment variables (CI runs these tests with the fast
	// path off too)
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
		.withUserConfiguration(FastPathConfig.class)
		.withBean(RouteTable.class, () -> new RouteTable(List.of()))
		.withBean(ServerExchangeRejectedHandler.class, () -> (exchange, ex) -> Mono.empty());

	@Autowired
	ApplicationContext context;

	@Test
	void theServerHasTheShortcutInsteadOfTheProxyUnlessTheEnvironmentTurnsItOff() {
		boolean enabled = !"false".equalsIgnoreCase(System.getenv("INKWELL_FAST_PATH_ENABLED"));
		List<WebFilter> filters = ServerFilters.of(this.context.getBean(HttpHandler.class));
		assertThat(this.context.containsBean("publicRequestShortcut")).isEqualTo(enabled);
		assertThat(filters).filteredOn(PublicRequestShortcut.class::isInstance).hasSize(enabled ? 1 : 0);
		assertThat(filters).filteredOn(WebFilterChainProxy.class::isInstance).hasSize(enabled ? 0 : 1);
	}

	@Test
	void onByDefault() {
		this.runner.run((context) -> assertThat(context).hasBean("publicRequestShortcut"));
	}

	@Test
	void offWithTheProperty() {
		this.runner.withPropertyValues("inkwell.fast-path.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("publicRequestShortcut"));
	}

	@Test
	void offWithTheEnvironmentVariable() {
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("env", Map.of("INKWELL_FAST_PATH_ENABLED", "false"))))
			.run((context) -> assertThat(context).doesNotHaveBean("publicRequestShortcut"));
	}

}
