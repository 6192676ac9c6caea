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

/**
 * HTTP only: the dashboard's JSON and the data browser. Nothing here is cached by
 * clients.
 */
@Component
class DashboardHandler {

	/**
	 * Pages beyond this would be OFFSETs of millions of rows; nobody browses that far.
	 */
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

	Mono<ServerResponse> card(ServerRequest request, CardCheck card) {
		return json(request, () -> this.dashboard.card(card));
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
	 * The cards and the table list take no query parameter: one sent is a client mistake
	 * (a typo, a parameter of another route) and is refused rather than silently ignored.
	 */
	private static Mono<ServerResponse> json(ServerRequest request, Supplier<Mono<?>> body) {
		Optional<String> parameter = request.queryParams().keySet().stream().findFirst();
		if (parameter.isPresent()) {
			return Mono
				.error(ProblemException.invalidParameter(parameter.get(), "this operation takes no query parameter"));
		}
		return json(body);
	}

	private static Mono<ServerResponse> json(Supplier<Mono<?>> body) {
		return body.get().flatMap((value) -> ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(value));
	}

}
