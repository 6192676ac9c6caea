package io.inkwell.docs;

import java.util.List;
import java.util.UUID;

import io.inkwell.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.inkwell.docs.ContractFixtures.category;
import static io.inkwell.docs.ContractFixtures.comment;
import static io.inkwell.docs.ContractFixtures.link;
import static io.inkwell.docs.ContractFixtures.post;
import static io.inkwell.docs.ContractFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fields} and {@code include} mean the same in the comma form
 * ({@code include=a,b}), the repeated form ({@code include=a&include=b}, what generated
 * clients send) and both mixed.
 */
@IntegrationTest
class ListParameterFormsIntegrationTests {

	@Autowired
	WebTestClient client;

	@Test
	void listsTheSameInEveryForm() throws Exception {
		UUID author = user();
		UUID post = post(author, "PUBLISHED");
		link(post, category());
		comment(post, author);
		String base = "/api/posts?authorId=" + author + "&";
		String comma = body(base + "fields=id,title&include=author,categories,commentCount");
		assertThat(comma).contains("\"title\"", "\"author\"", "\"categories\"", "\"commentCount\":1")
			.doesNotContain("\"status\"");
		assertThat(body(base + "fields=id&fields=title&include=author&include=categories&include=commentCount"))
			.isEqualTo(comma);
		assertThat(body(base + "fields=id,title&include=author&include=categories,commentCount")).isEqualTo(comma);
	}

	@Test
	void shapesOnePostTheSameInEveryForm() throws Exception {
		UUID post = post("PUBLISHED");
		String path = "/api/posts/" + post + "?";
		String comma = body(path + "fields=title,publishedAt&include=author,commentCount");
		assertThat(comma).contains("\"title\"", "\"publishedAt\"", "\"author\"", "\"commentCount\"")
			.doesNotContain("\"body\"");
		assertThat(body(path + "fields=title&fields=publishedAt&include=author&include=commentCount")).isEqualTo(comma);
	}

	@Test
	void refusesEmptyAndUnknownNamesInEitherForm() {
		for (String query : List.of("include=author,,categories", "include=author&include=", "fields=id&fields=",
				"include=author&include=likes", "fields=id&fields=author")) {
			this.client.get()
				.uri("/api/posts?" + query)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:inkwell:problem:invalid-parameter")
				.jsonPath("$.errors[0].field")
				.isEqualTo(query.substring(0, query.indexOf('=')));
		}
	}

	private String body(String uri) {
		byte[] body = this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return new String(body, java.nio.charset.StandardCharsets.UTF_8);
	}

}
