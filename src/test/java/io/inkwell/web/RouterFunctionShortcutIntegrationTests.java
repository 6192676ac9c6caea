package io.inkwell.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.inkwell.support.IntegrationTest;
import io.inkwell.support.ServerFilters;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's server ends its filter chain with {@link RouterFunctionShortcut}, and that
 * filter answers the API's routes itself (with the application's own routes, codecs and database)
 * and passes the rest on.
 */
@IntegrationTest
class RouterFunctionShortcutIntegrationTests {

	@Autowired
	ApplicationContext context;

	private final AtomicInteger passedOn = new AtomicInteger();

	private final WebFilterChain dispatcher = (exchange) -> {
		this.passedOn.incrementAndGet();
		return Mono.empty();
	};

	@Test
	void isTheServersLastFilter() {
		List<WebFilter> filters = ServerFilters.of(this.context.getBean(HttpHandler.class));
		assertThat(filters).last().isInstanceOf(RouterFunctionShortcut.class);
		assertThat(filters).filteredOn(RouterFunctionShortcut.class::isInstance).hasSize(1);
	}

	@Test
	void answersAnApiRouteAndPassesTheActuatorOn() {
		MockServerWebExchange categories = MockServerWebExchange.from(MockServerHttpRequest.get("/api/categories")
			.accept(MediaType.APPLICATION_JSON));
		shortcut().filter(categories, this.dispatcher).block(Duration.ofSeconds(30));
		assertThat(this.passedOn).hasValue(0);
		assertThat(categories.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(categories.getResponse().getBodyAsString().block(Duration.ofSeconds(5))).startsWith("{");

		MockServerWebExchange health = MockServerWebExchange.from(MockServerHttpRequest.get("/actuator/health"));
		shortcut().filter(health, this.dispatcher).block(Duration.ofSeconds(30));
		assertThat(this.passedOn).hasValue(1);
		assertThat(health.getResponse().getStatusCode()).isNull();
	}

	private WebFilter shortcut() {
		List<WebFilter> filters = ServerFilters.of(this.context.getBean(HttpHandler.class));
		return filters.get(filters.size() - 1);
	}

}
