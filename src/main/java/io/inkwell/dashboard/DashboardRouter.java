package io.inkwell.dashboard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The operations dashboard: its JSON under {@code /api/ops} (ADMIN only once security exists)
 * and its page at {@code /ops} (public: it asks for a login itself).
 */
@Configuration(proxyBeanMethods = false)
class DashboardRouter {

	@Bean
	RouterFunction<ServerResponse> dashboardRoutes(DashboardHandler handler, OpsPage page) {
		return RouterFunctions.route()
			.path("/api/ops", (ops) -> ops.GET("", handler::overview)
				.GET("/pool", handler::pool)
				.GET("/migrations", handler::migrations)
				.GET("/queries", handler::queries)
				.GET("/slow-queries", handler::slowQueries)
				.GET("/indexes", handler::indexes)
				.GET("/storage", handler::storage)
				.GET("/config", handler::config)
				.GET("/seed", handler::seed)
				.GET("/backup", handler::backup)
				.GET("/tables", handler::tables)
				.GET("/tables/{name}", handler::table))
			.GET("/ops", page::html)
			.GET("/ops/", page::html)
			.GET("/ops/dashboard.js", page::script)
			.GET("/ops/dashboard.css", page::style)
			.build();
	}

}
