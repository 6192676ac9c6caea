package io.inkwell.docs;

import io.inkwell.docs.OpenApiContract.Operation;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One real request of the contract tests: the operation it exercises, the status it must
 * get, who makes it, and how to make it (fixtures first, when it needs any).
 */
record ContractCase(Operation operation, int status, String name, Caller caller, Exchange exchange) {

	/** A case made by an ADMIN, whom the route table lets through everywhere. */
	ContractCase(Operation operation, int status, String name, Exchange exchange) {
		this(operation, status, name, Caller.ADMIN, exchange);
	}

	static ContractCase of(String operation, int status, String name, Exchange exchange) {
		return new ContractCase(Operation.of(operation), status, name, exchange);
	}

	static ContractCase of(Caller caller, String operation, int status, String name, Exchange exchange) {
		return new ContractCase(Operation.of(operation), status, name, caller, exchange);
	}

	@Override
	public String toString() {
		return this.operation + " → " + this.status + " (" + this.name
				+ ((this.caller != Caller.ADMIN) ? ", as " + this.caller : "") + ")";
	}

	/** Who makes the request: the {@code Authorization} header it carries. */
	enum Caller {

		/** No {@code Authorization} header. */
		ANONYMOUS,

		/** A malformed bearer token: a 401 on every route, public ones included. */
		FORGED,

		/** A USER token of {@link ContractFixtures#caller()}. */
		USER,

		/** An ADMIN token of a user of the test database. */
		ADMIN

	}

	/** Prepares the request; may write fixtures or make preparatory requests first. */
	@FunctionalInterface
	interface Exchange {

		WebTestClient.RequestHeadersSpec<?> prepare(WebTestClient client) throws Exception;

	}

}
