package io.inkwell.docs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class DocsRouter {

	@Bean
	RouterFunction<ServerResponse> docsRoutes(DocsHandler handler) {
		return RouterFunctions.route()
			.GET("/openapi.yaml", handler::yaml)
			.GET("/v3/api-docs", handler::json)
			.GET("/docs", handler::index)
			.GET("/docs/{asset}", handler::asset)
			.build();
	}

}
