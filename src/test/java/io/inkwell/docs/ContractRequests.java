package io.inkwell.docs;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Short forms for the requests of the case tables. */
final class ContractRequests {

	private ContractRequests() {
	}

	static WebTestClient.RequestHeadersSpec<?> get(WebTestClient client, String uri, Object... variables) {
		return client.get().uri(uri, variables);
	}

	static WebTestClient.RequestHeadersSpec<?> delete(WebTestClient client, String uri, Object... variables) {
		return client.delete().uri(uri, variables);
	}

	static WebTestClient.RequestHeadersSpec<?> post(WebTestClient client, String uri, Object... variables) {
		return client.post().uri(uri, variables);
	}

	/**
	 * A request with {@code body} written as JSON (a {@code String} is sent as it is).
	 */
	static WebTestClient.RequestHeadersSpec<?> json(WebTestClient client, HttpMethod method, Object body, String uri,
			Object... variables) {
		return client.method(method).uri(uri, variables).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	/** A request with a body of any media type. */
	static WebTestClient.RequestHeadersSpec<?> raw(WebTestClient client, HttpMethod method, MediaType type, String body,
			String uri, Object... variables) {
		return client.method(method).uri(uri, variables).contentType(type).bodyValue(body);
	}

}
