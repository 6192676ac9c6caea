package io.inkwell.category;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class CategoryRouter {

	@Bean
	RouterFunction<ServerResponse> categoryRoutes(CategoryHandler handler) {
		return RouterFunctions.route()
			.path("/api/categories",
					(categories) -> categories.GET("", handler::list)
						.POST("", handler::create)
						.GET("/{id}", handler::get)
						.PATCH("/{id}", handler::rename)
						.DELETE("/{id}", handler::delete))
			.build();
	}

}
