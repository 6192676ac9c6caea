package io.inkwell.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class AuthRouter {

	@Bean
	RouterFunction<ServerResponse> authRoutes(AuthHandler handler) {
		return RouterFunctions.route()
			.path("/api/auth",
					(auth) -> auth.POST("/register", handler::register)
						.POST("/login", handler::login)
						.GET("/me", handler::me)
						.POST("/logout-all", handler::logoutAll))
			.POST("/api/users/{id}/revoke-tokens", handler::revokeTokens)
			.build();
	}

}
