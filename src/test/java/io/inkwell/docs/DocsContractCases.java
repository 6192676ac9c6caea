package io.inkwell.docs;

import java.util.List;

import org.springframework.test.web.reactive.server.WebTestClient;

import static io.inkwell.docs.ContractCase.of;
import static io.inkwell.docs.ContractRequests.get;

/** Contract requests of the document and Swagger UI. */
final class DocsContractCases {

	private DocsContractCases() {
	}

	static List<ContractCase> cases() {
		return List.of(of("GET /openapi.yaml", 200, "YAML", (client) -> get(client, "/openapi.yaml")),
				of("GET /openapi.yaml", 304, "unchanged", (client) -> unchanged(client, "/openapi.yaml")),
				of("GET /v3/api-docs", 200, "JSON", (client) -> get(client, "/v3/api-docs")),
				of("GET /v3/api-docs", 304, "unchanged", (client) -> unchanged(client, "/v3/api-docs")),
				of("GET /docs", 200, "page", (client) -> get(client, "/docs")),
				of("GET /docs", 304, "unchanged", (client) -> unchanged(client, "/docs")),
				of("GET /docs/{asset}", 200, "script", (client) -> get(client, "/docs/swagger-ui-bundle.js")),
				of("GET /docs/{asset}", 200, "own script", (client) -> get(client, "/docs/swagger-initializer.js")),
				of("GET /docs/{asset}", 200, "style sheet", (client) -> get(client, "/docs/swagger-ui.css")),
				of("GET /docs/{asset}", 200, "icon", (client) -> get(client, "/docs/favicon-32x32.png")),
				of("GET /docs/{asset}", 304, "unchanged", (client) -> unchanged(client, "/docs/swagger-ui.css")),
				of("GET /docs/{asset}", 404, "not a Swagger UI file", (client) -> get(client, "/docs/index.css")));
	}

	/** A conditional GET with the ETag of a first one. */
	private static WebTestClient.RequestHeadersSpec<?> unchanged(WebTestClient client, String uri) {
		String etag = client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders()
			.getETag();
		return get(client, uri).header("If-None-Match", etag);
	}

}
