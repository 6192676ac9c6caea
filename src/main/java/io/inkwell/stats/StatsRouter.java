package io.inkwell.stats;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class StatsRouter {

	@Bean
	RouterFunction<ServerResponse> statsRoutes(StatsHandler handler) {
		return RouterFunctions.route()
			.path("/api/stats",
					(stats) -> stats.GET("/posts-per-day", handler::postsPerDay)
						.GET("/top-authors", handler::topAuthors))
			.build();
	}

}
