package io.inkwell.user;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.inkwell.security.Actor;
import io.inkwell.security.LoginRateLimiter;
import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemException.FieldError;
import io.inkwell.web.ProblemType;
import io.inkwell.web.RequestParameters;
import io.inkwell.web.RequestValidator;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** HTTP only: parse, validate, call the service, shape the response. */
@Component
class UserHandler {

	private final UserService users;

	private final RequestValidator validator;

	private final LoginRateLimiter limiter;

	UserHandler(UserService users, RequestValidator validator, LoginRateLimiter limiter) {
		this.users = users;
		this.validator = validator;
		this.limiter = limiter;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return this.validator.body(request, CreateUserRequest.class)
			.flatMap(this.users::create)
			.flatMap((user) -> ServerResponse.created(URI.create("/api/users/" + user.id()))
				.bodyValue(UserResponse.of(user)));
	}

	Mono<ServerResponse> createAll(ServerRequest request) {
		boolean skipQuery = booleanQuery(request, "skipDuplicates");
		return this.validator.body(request, BulkCreateUsersRequest.class)
			.map(UserHandler::requireElements)
			.flatMap((body) -> this.users.createAll(body.users(),
					skipQuery || Boolean.TRUE.equals(body.skipDuplicates())))
			// no Location: the created users are many; 200 tells "nothing new" apart
			.flatMap((result) -> ((result.created() > 0) ? ServerResponse.status(HttpStatus.CREATED)
					: ServerResponse.ok())
				.bodyValue(result));
	}

	Mono<ServerResponse> upsertByEmail(ServerRequest request) {
		String email = this.validator.validate(new EmailAddress(request.pathVariable("email"))).email();
		return Actor.of(request)
			.flatMap((actor) -> this.validator.body(request, UpsertUserRequest.class)
				.flatMap((body) -> this.users.upsertByEmail(actor, email, body)))
			.flatMap((upserted) -> upserted.created()
					? ServerResponse.created(URI.create("/api/users/" + upserted.value().id()))
						.bodyValue(UserResponse.of(upserted.value()))
					: ServerResponse.ok().bodyValue(UserResponse.of(upserted.value())));
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

	/**
	 * An e-mail change tells whether the new e-mail is taken (409), so it counts against
	 * the login attempt limits: of the client address and of that e-mail.
	 */
	Mono<ServerResponse> update(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.validator.body(request, UpdateUserRequest.class).doOnNext((body) -> {
				if (body.email() != null) {
					this.limiter.limitAddress(request);
					this.limiter.limitAccount(body.email());
				}
			}).flatMap((body) -> this.users.update(actor, id, body)))
			.flatMap((user) -> ServerResponse.ok().bodyValue(UserResponse.of(user)));
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.users.softDelete(actor, id))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> hardDelete(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.users.hardDelete(actor, id))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> restore(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.users.restore(actor, id))
			.flatMap((user) -> ServerResponse.ok().bodyValue(UserResponse.of(user)));
	}

	Mono<ServerResponse> replaceProfile(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.validator.body(request, ProfileRequest.class)
				.flatMap((body) -> this.users.replaceProfile(actor, id, body)))
			.flatMap((upserted) -> upserted.created()
					? ServerResponse.created(URI.create("/api/users/" + id + "/profile"))
						.bodyValue(ProfileResponse.of(upserted.value()))
					: ServerResponse.ok().bodyValue(ProfileResponse.of(upserted.value())));
	}

	Mono<ServerResponse> updateProfile(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.validator.body(request, ProfileRequest.class)
				.flatMap((body) -> this.users.updateProfile(actor, id, body)))
			.flatMap((profile) -> ServerResponse.ok().bodyValue(ProfileResponse.of(profile)));
	}

	Mono<ServerResponse> profile(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return this.users.profile(id).flatMap((profile) -> ServerResponse.ok().bodyValue(ProfileResponse.of(profile)));
	}

	/**
	 * Bean validation does not descend into null list elements; name them like it names
	 * fields.
	 */
	private static BulkCreateUsersRequest requireElements(BulkCreateUsersRequest body) {
		List<FieldError> errors = new ArrayList<>();
		for (int i = 0; i < body.users().size(); i++) {
			if (body.users().get(i) == null) {
				errors.add(new FieldError("users[" + i + "]", "must not be null"));
			}
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(ProblemType.VALIDATION, errors.size() + " field(s) are invalid", errors);
		}
		return body;
	}

	private static boolean booleanQuery(ServerRequest request, String name) {
		Optional<String> value = RequestParameters.stringQuery(request, name);
		if (value.isEmpty() || value.get().equals("false")) {
			return false;
		}
		if (value.get().equals("true")) {
			return true;
		}
		throw ProblemException.invalidParameter(name, "must be true or false");
	}

}
