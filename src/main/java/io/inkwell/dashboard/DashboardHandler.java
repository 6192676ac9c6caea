package io.inkwell.dashboard;

import java.util.Optional;
import java.util.function.Supplier;

import io.inkwell.web.ProblemException;
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
		return json(request, this.dashboard::overview);
	}

	Mono<ServerResponse> pool(ServerRequest request) {
		return json(request, this.dashboard::pool);
	}

	Mono<ServerResponse> migrations(ServerRequest request) {
		return json(request, this.dashboard::migrations);
	}

	Mono<ServerResponse> queries(ServerRequest request) {
		return json(request, this.dashboard::queries);
	}

	Mono<ServerResponse> slowQueries(ServerRequest request) {
		return json(request, this.dashboard::slowQueries);
	}

	Mono<ServerResponse> indexes(ServerRequest request) {
		return json(request, this.dashboard::indexes);
	}

	Mono<ServerResponse> storage(ServerRequest request) {
		return json(request, this.dashboard::storage);
	}

	Mono<ServerResponse> config(ServerRequest request) {
		return json(request, this.dashboard::config);
	}

	Mono<ServerResponse> seed(ServerRequest request) {
		return json(request, this.dashboard::seed);
	}

	Mono<ServerResponse> backup(ServerRequest request) {
		return json(request, this.dashboard::backup);
	}

	Mono<ServerResponse> tables(ServerRequest request) {
		return json(request, this.tables::tables);
	}

	Mono<ServerResponse> table(ServerRequest request) {
		String name = request.pathVariable("name");
		int page = RequestParameters.intQuery(request, "page", 1, 1, MAX_PAGE);
		return json(() -> this.tables.page(name, page));
	}

	/**
	 * The cards and the table list take no query parameter: one sent is a client mistake (a typo,
	 * a parameter of another route) and is refused rather than silently ignored.
	 */
	private static Mono<ServerResponse> json(ServerRequest request, Supplier<Mono<?>> body) {
		Optional<String> parameter = request.queryParams().keySet().stream().findFirst();
		if (parameter.isPresent()) {
			return Mono.error(ProblemException.invalidParameter(parameter.get(), "this operation takes no query parameter"));
		}
		return json(body);
	}

	private static Mono<ServerResponse> json(Supplier<Mono<?>> body) {
		return body.get()
			.flatMap((value) -> ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(value));
	}

}
