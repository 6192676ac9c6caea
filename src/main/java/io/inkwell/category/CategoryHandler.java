package io.inkwell.category;

import java.net.URI;
import java.util.UUID;

import io.inkwell.security.Actor;
import io.inkwell.web.EntityTags;
import io.inkwell.web.IfMatch;
import io.inkwell.web.RequestParameters;
import io.inkwell.web.RequestValidator;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** HTTP only: parse, validate, call the service, shape the response. */
@Component
class CategoryHandler {

	private final CategoryService categories;

	private final RequestValidator validator;

	CategoryHandler(CategoryService categories, RequestValidator validator) {
		this.categories = categories;
		this.validator = validator;
	}

	Mono<ServerResponse> list(ServerRequest request) {
		int limit = RequestParameters.intQuery(request, "limit", CategoryService.MAX_LIMIT, 1,
				CategoryService.MAX_LIMIT);
		String cursor = RequestParameters.stringQuery(request, "cursor").orElse(null);
		return this.categories.page(cursor, limit).flatMap((page) -> ServerResponse.ok().bodyValue(page));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return this.categories.find(id).flatMap((category) -> {
			EntityTags.version(request, category.updatedAt());
			return ServerResponse.ok().bodyValue(category);
		});
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return this.validator.body(request, CategoryRequest.class)
			.flatMap(this.categories::create)
			.flatMap((category) -> ServerResponse.created(URI.create("/api/categories/" + category.id()))
				.bodyValue(category));
	}

	Mono<ServerResponse> rename(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return this.validator.body(request, CategoryRequest.class)
			.flatMap((body) -> this.categories.rename(id, body, IfMatch.of(request)))
			.flatMap((category) -> {
				EntityTags.version(request, category.updatedAt());
				return ServerResponse.ok().bodyValue(category);
			});
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.categories.delete(actor, id, IfMatch.of(request)))
			.then(ServerResponse.noContent().build());
	}

}
