package io.inkwell.user;

import java.net.URI;
import java.util.UUID;

import io.inkwell.web.RequestParameters;
import io.inkwell.web.RequestValidator;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** HTTP only: parse, validate, call the service, shape the response. */
@Component
class UserHandler {

	private final UserService users;

	private final RequestValidator validator;

	UserHandler(UserService users, RequestValidator validator) {
		this.users = users;
		this.validator = validator;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return this.validator.body(request, CreateUserRequest.class)
			.flatMap(this.users::create)
			.flatMap((user) -> ServerResponse.created(URI.create("/api/users/" + user.id()))
				.bodyValue(UserResponse.of(user)));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return this.users.find(id).flatMap((user) -> ServerResponse.ok().bodyValue(UserResponse.of(user)));
	}

	Mono<ServerResponse> list(ServerRequest request) {
		int limit = RequestParameters.intQuery(request, "limit", UserService.DEFAULT_LIMIT, 1, UserService.MAX_LIMIT);
		String cursor = RequestParameters.stringQuery(request, "cursor").orElse(null);
		return this.users.page(cursor, limit).flatMap((page) -> ServerResponse.ok().bodyValue(page));
	}

	Mono<ServerResponse> update(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return this.validator.body(request, UpdateUserRequest.class)
			.flatMap((body) -> this.users.update(id, body))
			.flatMap((user) -> ServerResponse.ok().bodyValue(UserResponse.of(user)));
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return this.users.softDelete(id).then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> restore(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return this.users.restore(id).flatMap((user) -> ServerResponse.ok().bodyValue(UserResponse.of(user)));
	}

	Mono<ServerResponse> profile(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return this.users.profile(id).flatMap((profile) -> ServerResponse.ok().bodyValue(ProfileResponse.of(profile)));
	}

}
