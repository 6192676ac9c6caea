package io.inkwell.web;

import java.util.List;

import io.inkwell.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.actuate.endpoint.web.WebFluxEndpointHandlerMapping;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's routes are asked first; the actuator's endpoints come after them. */
@IntegrationTest
class HandlerMappingOrderIntegrationTests {

	@Autowired
	DispatcherHandler dispatcher;

	@Test
	void asksTheRoutesBeforeTheActuatorEndpoints() {
		List<HandlerMapping> mappings = this.dispatcher.getHandlerMappings();
		assertThat(mappings).isNotNull();
		int routes = indexOf(mappings, RouterFunctionMapping.class);
		int actuator = indexOf(mappings, WebFluxEndpointHandlerMapping.class);
		assertThat(routes).isNotNegative();
		assertThat(actuator).isGreaterThan(routes);
	}

	private static int indexOf(List<HandlerMapping> mappings, Class<?> type) {
		for (int i = 0; i < mappings.size(); i++) {
			if (type.isInstance(mappings.get(i))) {
				return i;
			}
		}
		return -1;
	}

}
