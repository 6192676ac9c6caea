package io.inkwell.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.webflux.actuate.endpoint.web.AbstractWebFluxEndpointHandlerMapping;
import org.springframework.boot.webflux.actuate.endpoint.web.ControllerEndpointHandlerMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;

/**
 * The API's routes are asked before the actuator's endpoints. Spring Boot orders the actuator's
 * handler mappings first (-100), so every API request was first matched against the actuator's
 * request mappings, a miss that computed the partial matches of every endpoint (about 1.5 % of
 * the CPU of {@code GET /api/users/{id}}; README, Benchmarks). No route of ours lies under
 * {@code /actuator}, so the order changes no answer.
 */
@Configuration(proxyBeanMethods = false)
class HandlerMappingOrder {

	/** Right after {@link RouterFunctionMapping}, whose order is -1. */
	static final int ACTUATOR_ORDER = 0;

	@Bean
	static BeanPostProcessor actuatorMappingsAfterRoutes() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractWebFluxEndpointHandlerMapping
						|| bean instanceof ControllerEndpointHandlerMapping) {
					((AbstractHandlerMapping) bean).setOrder(ACTUATOR_ORDER);
				}
				return bean;
			}

		};
	}

}
