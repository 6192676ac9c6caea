package io.inkwell.support;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Assertions on the API's problem+json answers. */
public final class Problems {

	private Problems() {
	}

	/**
	 * Asserts a problem+json answer of the given status and type slug (the part after
	 * {@code urn:inkwell:problem:}) with a title and a detail; returns the body for more
	 * checks.
	 */
	public static WebTestClient.BodyContentSpec expectProblem(WebTestClient.ResponseSpec response, int status,
			String type) {
		return response.expectStatus()
			.isEqualTo(HttpStatus.valueOf(status))
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:" + type)
			.jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.title")
			.isNotEmpty()
			.jsonPath("$.detail")
			.isNotEmpty();
	}

}
