package io.inkwell.transfer;

import java.net.URI;
import java.util.UUID;

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

	TransferHandler(TransferService transfers, RequestValidator validator) {
		this.transfers = transfers;
		this.validator = validator;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return Actor.of(request)
			.flatMap((actor) -> this.validator.body(request, TransferRequest.class)
				.flatMap((body) -> this.transfers.transfer(actor, body)))
			.flatMap((transfer) -> ServerResponse.created(URI.create("/api/transfers/" + transfer.id()))
				.bodyValue(TransferResponse.of(transfer)));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		UUID id = RequestParameters.uuidPath(request, "id");
		return Actor.of(request)
			.flatMap((actor) -> this.transfers.find(actor, id))
			.flatMap((transfer) -> ServerResponse.ok().bodyValue(TransferResponse.of(transfer)));
	}

}
