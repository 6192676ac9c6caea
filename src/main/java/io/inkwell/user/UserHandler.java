package io.inkwell.user;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.inkwell.idempotency.Answer;
import io.inkwell.idempotency.Idempotency;
import io.inkwell.security.Actor;
import io.inkwell.security.LoginRateLimiter;
import io.inkwell.web.EntityTags;
import io.inkwell.web.IfMatch;
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

	private final Idempotency idempotency;

	private final LoginRateLimiter limiter;

	UserHandler(UserService users, RequestValidator validator, Idempotency idempotency, LoginRateLimiter limiter) {
		this.users = users;
		this.validator = validator;
		this.idempotency = idempotency;
		this.limiter = limiter;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return this.idempotency.handle(request,
				(keyed) -> this.validator.body(keyed, CreateUserRequest.class)
					.flatMap(this.users::create)
					.map((user) -> Answer.created(URI.create("/api/users/" + user.id()), UserResponse.of(user))));
	}

	Mono<ServerResponse> createAll(ServerRequest request) {
		boolean skipQuery = booleanQuery(request, "skipDuplicates");
		return this.idempotency.handle(request,
				(keyed) -> this.validator.body(keyed, BulkCreateUsersRequest.class)
					.map(UserHandler::requireElements)
					.flatMap((body) -> this.users.createAll(body.users(),
							skipQuery || Boolean.TRUE.equals(body.skipDuplicates())))
					// no Location: the created users are many; 200 tells "nothing new"
					// apart
					.map((result) -> Answer.of((result.created() > 0) ? HttpStatus.CREATED : HttpStatus.OK, result)));
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
		return Actor.of(request).flatMap((actor) -> this.users.find(id).flatMap((user) -> {
			EntityTags.version(request, user.updatedAt());
			return ServerResponse.ok().bodyValue(UserResponse.of(user, actor));
		}));
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
			}).flatMap((body) -> this.users.update(actor, id, body, IfMatch.of(request))))
			.flatMap((user) -> {
				EntityTags.version(request, user.updatedAt());
				return ServerResponse.ok().bodyValue(UserResponse.of(user));
			});
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.users.softDelete(actor, id, IfMatch.of(request)))
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
				.flatMap((body) -> this.users.replaceProfile(actor, id, body, IfMatch.of(request))))
			.doOnNext((upserted) -> EntityTags.version(request, upserted.value().updatedAt()))
			.flatMap((upserted) -> upserted.created()
					? ServerResponse.created(URI.create("/api/users/" + id + "/profile"))
						.bodyValue(ProfileResponse.of(upserted.value()))
					: ServerResponse.ok().bodyValue(ProfileResponse.of(upserted.value())));
	}

	Mono<ServerResponse> updateProfile(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.validator.body(request, ProfileRequest.class)
				.flatMap((body) -> this.users.updateProfile(actor, id, body, IfMatch.of(request))))
			.flatMap((profile) -> {
				EntityTags.version(request, profile.updatedAt());
				return ServerResponse.ok().bodyValue(ProfileResponse.of(profile));
			});
	}

	Mono<ServerResponse> profile(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return this.users.profile(id).flatMap((profile) -> {
			EntityTags.version(request, profile.updatedAt());
			return ServerResponse.ok().bodyValue(ProfileResponse.of(profile));
		});
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
