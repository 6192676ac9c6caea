package io.inkwell.stats;

import io.inkwell.web.RequestParameters;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** HTTP only: parse the query, call the service, answer with a JSON array. */
@Component
class StatsHandler {

	private final StatsService stats;

	StatsHandler(StatsService stats) {
		this.stats = stats;
	}

	Mono<ServerResponse> postsPerDay(ServerRequest request) {
		int days = RequestParameters.intQuery(request, "days", StatsService.DEFAULT_DAYS, 1, StatsService.MAX_DAYS);
		return this.stats.postsPerDay(days).flatMap((counts) -> ServerResponse.ok().bodyValue(counts));
	}

	Mono<ServerResponse> topAuthors(ServerRequest request) {
		int limit = RequestParameters.intQuery(request, "limit", StatsService.DEFAULT_LIMIT, 1, StatsService.MAX_LIMIT);
		return this.stats.topAuthors(limit).flatMap((authors) -> ServerResponse.ok().bodyValue(authors));
	}

}
