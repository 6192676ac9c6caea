package io.inkwell.transfer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class TransferRouter {

	@Bean
	RouterFunction<ServerResponse> transferRoutes(TransferHandler handler) {
		return RouterFunctions.route()
			.path("/api/transfers", (transfers) -> transfers.POST("", handler::create).GET("/{id}", handler::get))
			// the ledger of one user: under /api/users, served by the feature that owns
			// the
			// ledger
			.GET("/api/users/{id}/transfers", handler::ledger)
			.POST("/api/users/{id}/credits", handler::grant)
			.build();
	}

}
