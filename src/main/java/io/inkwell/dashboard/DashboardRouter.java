package io.inkwell.dashboard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The operations dashboard: its JSON under {@code /api/ops} (ADMIN only once security
 * exists) — the overview, each {@link CardCheck} at its own path and the data browser —
 * and its page at {@code /ops} (public: it asks for a login itself).
 */
@Configuration(proxyBeanMethods = false)
class DashboardRouter {

	@Bean
	RouterFunction<ServerResponse> dashboardRoutes(DashboardHandler handler, DashboardService dashboard, OpsPage page) {
		return RouterFunctions.route().path("/api/ops", (ops) -> {
			ops.GET("", handler::overview);
			// one route per card, e.g. /api/ops/slow-queries: fixed paths, as the OpenAPI
			// document names them
			for (CardCheck card : dashboard.cards()) {
				ops.GET("/" + card.path(), (request) -> handler.card(request, card));
			}
			ops.GET("/tables", handler::tables).GET("/tables/{name}", handler::table);
		})
			.GET("/ops", page::html)
			.GET("/ops/", page::html)
			.GET("/ops/dashboard.js", page::script)
			.GET("/ops/dashboard.css", page::style)
			.build();
	}

}
