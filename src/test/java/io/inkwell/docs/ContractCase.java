package io.inkwell.docs;

import io.inkwell.docs.OpenApiContract.Operation;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One real request of the contract tests: the operation it exercises, the status it must get,
 * and how to make it (fixtures first, when it needs any).
 */
record ContractCase(Operation operation, int status, String name, Exchange exchange) {

	static ContractCase of(String operation, int status, String name, Exchange exchange) {
		return new ContractCase(Operation.of(operation), status, name, exchange);
	}

	@Override
	public String toString() {
		return this.operation + " → " + this.status + " (" + this.name + ")";
	}

	/** Prepares the request; may write fixtures or make preparatory requests first. */
	@FunctionalInterface
	interface Exchange {

		WebTestClient.RequestHeadersSpec<?> prepare(WebTestClient client) throws Exception;

	}

}
