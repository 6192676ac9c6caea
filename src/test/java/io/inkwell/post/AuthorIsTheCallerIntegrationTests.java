package io.inkwell.post;

import java.util.Map;
import java.util.UUID;

import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Tokens;
import io.inkwell.security.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code POST /api/posts} and {@code POST /api/posts/{postId}/comments} write the caller
 * as the author when the body names none; a USER naming someone else is refused, an ADMIN
 * may name any live user.
 */
@IntegrationTest
class AuthorIsTheCallerIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	@Test
	void writesTheCallerAsTheAuthorOfAPostWithoutAuthorId() {
		UUID user = Tokens.createUser(Role.USER, "author-default");
		post(this.tokens.user(user), "/api/posts", Map.of("title", "Mine")).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.authorId")
			.isEqualTo(user.toString());
		// null counts as absent
		post(this.tokens.user(user), "/api/posts", "{\"authorId\":null,\"title\":\"Mine too\"}").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.authorId")
			.isEqualTo(user.toString());
	}

	@Test
	void writesTheCallerAsTheAuthorOfACommentWithoutAuthorId() {
		UUID user = Tokens.createUser(Role.USER, "author-default");
		String post = createdPost(user);
		post(this.tokens.user(user), "/api/posts/" + post + "/comments", Map.of("content", "Well put")).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.authorId")
			.isEqualTo(user.toString())
			.jsonPath("$.author.id")
			.isEqualTo(user.toString());
	}

	@Test
	void refusesAUserNamingSomeoneElse() {
		UUID user = Tokens.createUser(Role.USER, "author-default");
		UUID other = Tokens.createUser(Role.USER, "author-other");
		String post = createdPost(user);
		post(this.tokens.user(user), "/api/posts", Map.of("authorId", other, "title", "Not mine")).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:forbidden");
		post(this.tokens.user(user), "/api/posts/" + post + "/comments", Map.of("authorId", other, "content", "x"))
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:forbidden");
	}

	@Test
	void letsAnAdminNameAnyLiveUser() {
		UUID other = Tokens.createUser(Role.USER, "author-other");
		String post = createdPost(other);
		post(this.tokens.admin(), "/api/posts", Map.of("authorId", other, "title", "On their behalf")).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.authorId")
			.isEqualTo(other.toString());
		post(this.tokens.admin(), "/api/posts/" + post + "/comments", Map.of("authorId", other, "content", "x"))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.authorId")
			.isEqualTo(other.toString());
	}

	@Test
	void stillRequiresAToken() {
		this.client.post()
			.uri("/api/posts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "Nobody's"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	private String createdPost(UUID author) {
		byte[] body = post(this.tokens.user(author), "/api/posts", Map.of("title", "Commented", "status", "PUBLISHED"))
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody();
		String json = new String(body, java.nio.charset.StandardCharsets.UTF_8);
		return json.replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
	}

	private WebTestClient.ResponseSpec post(String authorization, String uri, Object body) {
		return this.client.post()
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
