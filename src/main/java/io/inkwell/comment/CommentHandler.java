package io.inkwell.comment;

import java.net.URI;
import java.util.UUID;

import io.inkwell.idempotency.Answer;
import io.inkwell.idempotency.Idempotency;
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
class CommentHandler {

	private final CommentService comments;

	private final RequestValidator validator;

	private final Idempotency idempotency;

	CommentHandler(CommentService comments, RequestValidator validator, Idempotency idempotency) {
		this.comments = comments;
		this.validator = validator;
		this.idempotency = idempotency;
	}

	Mono<ServerResponse> list(ServerRequest request) {
		UUID postId = RequestParameters.uuidPath(request, "postId");
		int limit = RequestParameters.intQuery(request, "limit", CommentService.DEFAULT_LIMIT, 1,
				CommentService.MAX_LIMIT);
		String cursor = RequestParameters.stringQuery(request, "cursor").orElse(null);
		return Actor.of(request)
			.flatMap((actor) -> this.comments.page(actor, postId, cursor, limit))
			.flatMap((page) -> ServerResponse.ok().bodyValue(page));
	}

	Mono<ServerResponse> create(ServerRequest request) {
		UUID postId = RequestParameters.uuidPath(request, "postId");
		return this.idempotency.handle(request,
				(keyed) -> Actor.of(keyed)
					.flatMap((actor) -> this.validator.body(keyed, CreateCommentRequest.class)
						.flatMap((body) -> this.comments.create(actor, postId, body)))
					.map((comment) -> Answer.created(URI.create("/api/comments/" + comment.id()), comment)));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request).flatMap((actor) -> this.comments.find(actor, id)).flatMap((comment) -> {
			EntityTags.version(request, comment.updatedAt());
			return ServerResponse.ok().bodyValue(comment);
		});
	}

	Mono<ServerResponse> update(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.validator.body(request, UpdateCommentRequest.class)
				.flatMap((body) -> this.comments.update(actor, id, body, IfMatch.of(request))))
			.flatMap((comment) -> {
				EntityTags.version(request, comment.updatedAt());
				return ServerResponse.ok().bodyValue(comment);
			});
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.comments.softDelete(actor, id, IfMatch.of(request)))
			.then(ServerResponse.noContent().build());
	}

}
