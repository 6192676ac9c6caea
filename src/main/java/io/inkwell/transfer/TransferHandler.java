package io.inkwell.transfer;

import java.net.URI;
import java.util.UUID;

import io.inkwell.idempotency.Answer;
import io.inkwell.idempotency.Idempotency;
import io.inkwell.security.Actor;
import io.inkwell.web.RequestParameters;
import io.inkwell.web.RequestValidator;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** HTTP only: parse, validate, call the service, shape the response. */
@Component
class TransferHandler {

	private final TransferService transfers;

	private final RequestValidator validator;

	private final Idempotency idempotency;

	TransferHandler(TransferService transfers, RequestValidator validator, Idempotency idempotency) {
		this.transfers = transfers;
		this.validator = validator;
		this.idempotency = idempotency;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return this.idempotency.handle(request,
				(keyed) -> Actor.of(keyed)
					.flatMap((actor) -> this.validator.body(keyed, TransferRequest.class)
						.flatMap((body) -> this.transfers.transfer(actor, body)))
					.map((transfer) -> Answer.created(URI.create("/api/transfers/" + transfer.id()),
							TransferResponse.of(transfer))));
	}

	Mono<ServerResponse> grant(ServerRequest request) {
		UUID userId = RequestParameters.uuidPath(request, "id");
		return this.idempotency.handle(request,
				(keyed) -> Actor.of(keyed)
					.flatMap((actor) -> this.validator.body(keyed, GrantRequest.class)
						.flatMap((body) -> this.transfers.grant(actor, userId, body)))
					.map((transfer) -> Answer.created(URI.create("/api/transfers/" + transfer.id()),
							TransferResponse.of(transfer))));
	}

	Mono<ServerResponse> ledger(ServerRequest request) {
		UUID userId = RequestParameters.uuidPath(request, "id");
		int limit = RequestParameters.intQuery(request, "limit", TransferService.DEFAULT_LIMIT, 1,
				TransferService.MAX_LIMIT);
		String cursor = RequestParameters.stringQuery(request, "cursor").orElse(null);
		return Actor.of(request)
			.flatMap((actor) -> this.transfers.ledger(actor, userId, cursor, limit))
			.flatMap((page) -> ServerResponse.ok().bodyValue(page));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.transfers.find(actor, id))
			.flatMap((transfer) -> ServerResponse.ok().bodyValue(TransferResponse.of(transfer)));
	}

}
