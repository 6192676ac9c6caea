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
			.build();
	}

}
