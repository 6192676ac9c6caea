package io.inkwell.user;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class UserRouter {

	@Bean
	RouterFunction<ServerResponse> userRoutes(UserHandler handler) {
		return RouterFunctions.route()
			.path("/api/users",
					(users) -> users.POST("", handler::create)
						.POST("/bulk", handler::createAll)
						.PUT("/by-email/{email}", handler::upsertByEmail)
						.GET("", handler::list)
						.GET("/{id}", handler::get)
						.PATCH("/{id}", handler::update)
						.DELETE("/{id}", handler::delete)
						.POST("/{id}/restore", handler::restore)
						.GET("/{id}/profile", handler::profile)
						.PUT("/{id}/profile", handler::replaceProfile)
						.PATCH("/{id}/profile", handler::updateProfile))
			.DELETE("/api/admin/users/{id}", handler::hardDelete)
			.build();
	}

}
