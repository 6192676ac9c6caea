package io.inkwell.docs;

import java.util.ArrayList;
import java.util.List;

import io.inkwell.docs.OpenApiContract.Operation;

import org.springframework.http.MediaType;

/**
 * Every contract request: the feature tables, plus a 413 and a 415 for each operation
 * that documents a request body, made from the document itself.
 */
final class ContractCases {

	/** Just over the default {@code spring.codec.max-in-memory-size} of 1 MB. */
	private static final int TOO_LARGE = 1024 * 1024 + 1;

	private ContractCases() {
	}

	static List<ContractCase> all() {
		List<ContractCase> cases = new ArrayList<>();
		cases.addAll(UserContractCases.cases());
		cases.addAll(PostContractCases.cases());
		cases.addAll(CommentContractCases.cases());
		cases.addAll(CategoryContractCases.cases());
		cases.addAll(MoneyContractCases.cases());
		cases.addAll(IdempotencyContractCases.cases());
		cases.addAll(DocsContractCases.cases());
		cases.addAll(OpsContractCases.cases());
		cases.addAll(AuthContractCases.cases());
		cases.addAll(CallerContractCases.cases());
		cases.addAll(ConditionalContractCases.cases());
		cases.addAll(bodyLimits());
		return cases;
	}

	/**
	 * 413 and 415 for each operation with a request body: the same code path for all, so
	 * cheap to make.
	 */
	static List<ContractCase> bodyLimits() {
		OpenApiContract contract = OpenApiContract.get();
		String large = "{\"pad\":\"" + "x".repeat(TOO_LARGE) + "\"}";
		List<ContractCase> cases = new ArrayList<>();
		for (Operation operation : contract.operations()) {
			if (!contract.operationNode(operation).has("requestBody")) {
				continue;
			}
			cases.add(new ContractCase(operation, 413, "body over 1 MB", (client) -> ContractRequests.raw(client,
					operation.method(), MediaType.APPLICATION_JSON, large, contract.examplePath(operation))));
			cases.add(new ContractCase(operation, 415, "text/plain body", (client) -> ContractRequests.raw(client,
					operation.method(), MediaType.TEXT_PLAIN, "hello", contract.examplePath(operation))));
		}
		return cases;
	}

}
