package io.inkwell.docs;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Makes every contract request ({@link ContractCases}) against the running application,
 * as the case's caller (anonymous, a forged token, a USER or an ADMIN), and checks the
 * real exchange against the OpenAPI document ({@link OpenApiContract#validate}).
 */
@IntegrationTest
class ApiContractIntegrationTests {

	private final OpenApiContract contract = OpenApiContract.get();

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	static List<ContractCase> cases() {
		return ContractCases.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void answersAsTheDocumentSays(ContractCase contractCase) throws Exception {
		// Swagger UI's bundle is larger than the client's default 256 KB buffer
		WebTestClient.Builder builder = this.client.mutate()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024));
		String authorization = switch (contractCase.caller()) {
			case ANONYMOUS -> null;
			case FORGED -> "Bearer not.a.token";
			case USER -> this.tokens.user(ContractFixtures.caller());
			case ADMIN -> this.tokens.admin();
		};
		if (authorization != null) {
			builder.defaultHeader(HttpHeaders.AUTHORIZATION, authorization);
		}
		WebTestClient client = builder.build();
		EntityExchangeResult<byte[]> result = contractCase.exchange()
			.prepare(client)
			.exchange()
			.expectBody(byte[].class)
			.returnResult();
		assertThat(result.getStatus().value()).as("status of %s; body: %s", contractCase, text(result))
			.isEqualTo(contractCase.status());
		assertThat(this.contract.validate(result)).isEqualTo(contractCase.operation());
	}

	private static String text(EntityExchangeResult<byte[]> result) {
		byte[] body = result.getResponseBody();
		return (body != null) ? new String(body, 0, Math.min(body.length, 1000), StandardCharsets.UTF_8) : "";
	}

}
