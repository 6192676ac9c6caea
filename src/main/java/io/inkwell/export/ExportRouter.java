package io.inkwell.export;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class ExportRouter {

	/**
	 * Ordered before the other routers: {@code /api/posts/export} would otherwise also match the
	 * posts feature's {@code /api/posts/{id}} and end as a 400 for a malformed id. The route takes
	 * every {@code Accept}; the handler answers 406 itself, so no other route sees this path.
	 */
	@Bean
	@Order(-10)
	RouterFunction<ServerResponse> exportRoutes(ExportHandler handler) {
		return RouterFunctions.route().GET("/api/posts/export", handler::export).build();
	}

}
