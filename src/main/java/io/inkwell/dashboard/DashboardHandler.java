package io.inkwell.dashboard;

import java.util.function.Supplier;

import io.inkwell.web.RequestParameters;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** HTTP only: the dashboard's JSON and the data browser. Nothing here is cached by clients. */
@Component
class DashboardHandler {

	/** Pages beyond this would be OFFSETs of millions of rows; nobody browses that far. */
	static final int MAX_PAGE = 100_000;

	private final DashboardService dashboard;

	private final TableBrowserService tables;

	DashboardHandler(DashboardService dashboard, TableBrowserService tables) {
		this.dashboard = dashboard;
		this.tables = tables;
	}

	Mono<ServerResponse> overview(ServerRequest request) {
		return json(this.dashboard::overview);
	}

	Mono<ServerResponse> pool(ServerRequest request) {
		return json(this.dashboard::pool);
	}

	Mono<ServerResponse> migrations(ServerRequest request) {
		return json(this.dashboard::migrations);
	}

	Mono<ServerResponse> queries(ServerRequest request) {
		return json(this.dashboard::queries);
	}

	Mono<ServerResponse> slowQueries(ServerRequest request) {
		return json(this.dashboard::slowQueries);
	}

	Mono<ServerResponse> indexes(ServerRequest request) {
		return json(this.dashboard::indexes);
	}

	Mono<ServerResponse> storage(ServerRequest request) {
		return json(this.dashboard::storage);
	}

	Mono<ServerResponse> config(ServerRequest request) {
		return json(this.dashboard::config);
	}

	Mono<ServerResponse> seed(ServerRequest request) {
		return json(this.dashboard::seed);
	}

	Mono<ServerResponse> backup(ServerRequest request) {
		return json(this.dashboard::backup);
	}

	Mono<ServerResponse> tables(ServerRequest request) {
		return json(this.tables::tables);
	}

	Mono<ServerResponse> table(ServerRequest request) {
		String name = request.pathVariable("name");
		int page = RequestParameters.intQuery(request, "page", 1, 1, MAX_PAGE);
		return json(() -> this.tables.page(name, page));
	}

	private static Mono<ServerResponse> json(Supplier<Mono<?>> body) {
		return body.get()
			.flatMap((value) -> ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(value));
	}

}
