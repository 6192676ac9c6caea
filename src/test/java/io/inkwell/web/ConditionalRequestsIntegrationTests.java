package io.inkwell.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.inkwell.security.Role;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static io.inkwell.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strong entity tags on reads, 304 for a matching {@code If-None-Match}, and
 * {@code If-Match} on writes: a stale tag is a 412 that changes nothing, checked in the
 * write's own statement so that of two writers holding the same tag exactly one wins.
 */
@IntegrationTest
class ConditionalRequestsIntegrationTests {

	private static final String VERSIONED = "\"[0-9]{16,}-[0-9a-f]{24}\"";

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	@LocalServerPort
	int port;

	@BeforeEach
	void authenticateAsAdmin() {
		this.client = this.client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin()).build();
	}

	@Test
	void singleResourceReadsCarryAVersionedTagAndAnswer304ToIt() {
		UUID user = Tokens.createUser(Role.USER, "etag");
		for (String path : List.of("/api/users/" + user, "/api/categories/" + category(),
				"/api/posts/" + post(Map.of("title", "tagged")), "/api/comments/" + comment())) {
			String tag = etag(path);
			assertThat(tag).as(path).matches(VERSIONED);
			EntityExchangeResult<byte[]> notModified = this.client.get()
				.uri(path)
				.header(HttpHeaders.IF_NONE_MATCH, tag)
				.exchange()
				.expectStatus()
				.isNotModified()
				.expectHeader()
				.valueEquals(HttpHeaders.ETAG, tag)
				.expectHeader()
				.doesNotExist(HttpHeaders.CONTENT_TYPE)
				.expectBody()
				.returnResult();
			assertThat(notModified.getResponseBody()).as(path).isNull();
			this.client.get()
				.uri(path)
				.header(HttpHeaders.IF_NONE_MATCH, "\"something-else\"")
				.exchange()
				.expectStatus()
				.isOk();
		}
	}

	@Test
	void profilesAndTransfersAreTaggedToo() {
		UUID user = Tokens.createUser(Role.USER, "etag");
		this.client.put()
			.uri("/api/users/{id}/profile", user)
			.bodyValue(Map.of("bio", "hello"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches(HttpHeaders.ETAG, VERSIONED);
		String tag = etag("/api/users/" + user + "/profile");
		assertThat(tag).matches(VERSIONED);
		this.client.get()
			.uri("/api/users/{id}/profile", user)
			.header(HttpHeaders.IF_NONE_MATCH, tag)
			.exchange()
			.expectStatus()
			.isNotModified();
	}

	@Test
	void listPagesCarryAHashTagAndAnswer304ToIt() {
		category();
		for (String path : List.of("/api/posts", "/api/categories", "/api/users?limit=5")) {
			String tag = etag(path);
			assertThat(tag).as(path).matches("\"[0-9a-f]{24}\"");
			this.client.get()
				.uri(path)
				.header(HttpHeaders.IF_NONE_MATCH, tag)
				.exchange()
				.expectStatus()
				.isNotModified()
				.expectBody()
				.isEmpty();
		}
		String before = etag("/api/categories");
		category();
		assertThat(etag("/api/categories")).isNotEqualTo(before);
	}

	@Test
	void headAnswers304ToAMatchingTagToo() {
		String path = "/api/categories/" + category();
		String tag = etag(path);
		this.client.head().uri(path).header(HttpHeaders.IF_NONE_MATCH, tag).exchange().expectStatus().isNotModified();
		this.client.head().uri(path).exchange().expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, tag);
	}

	@Test
	void theTagChangesWithAnUpdateAndThePatchAnswerCarriesTheNewOne() {
		String path = "/api/categories/" + category();
		String before = etag(path);
		String after = this.client.patch()
			.uri(path)
			.header(HttpHeaders.IF_MATCH, before)
			.bodyValue(Map.of("name", unique("Renamed")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueMatches(HttpHeaders.ETAG, VERSIONED)
			.returnResult(String.class)
			.getResponseHeaders()
			.getETag();
		assertThat(after).isNotEqualTo(before).isEqualTo(etag(path));
		this.client.get().uri(path).header(HttpHeaders.IF_NONE_MATCH, before).exchange().expectStatus().isOk();
	}

	@Test
	void aStaleIfMatchIs412AndChangesNothingOnEveryConditionalWrite() {
		UUID post = post(Map.of("title", "original"));
		String postTag = etag("/api/posts/" + post);
		patch("/api/posts/" + post, null, Map.of("title", "changed by someone else")).expectStatus().isOk();
		expectProblem(patch("/api/posts/" + post, postTag, Map.of("title", "lost update")), 412, "precondition-failed");
		assertThat(Sql.string("SELECT title FROM posts WHERE id = ?", post)).isEqualTo("changed by someone else");

		UUID category = category();
		String categoryTag = etag("/api/categories/" + category);
		String name = Sql.string("SELECT name FROM categories WHERE id = ?", category);
		expectProblem(patch("/api/categories/" + category, stale(categoryTag), Map.of("name", unique("Lost"))), 412,
				"precondition-failed");
		assertThat(Sql.string("SELECT name FROM categories WHERE id = ?", category)).isEqualTo(name);

		UUID comment = comment();
		expectProblem(
				patch("/api/comments/" + comment, stale(etag("/api/comments/" + comment)), Map.of("content", "lost")),
				412, "precondition-failed");
		assertThat(Sql.string("SELECT content FROM comments WHERE id = ?", comment)).isEqualTo("first!");

		UUID user = Tokens.createUser(Role.USER, "etag");
		String userName = Sql.string("SELECT name FROM users WHERE id = ?", user);
		expectProblem(patch("/api/users/" + user, stale(etag("/api/users/" + user)), Map.of("name", "Lost")), 412,
				"precondition-failed");
		assertThat(Sql.string("SELECT name FROM users WHERE id = ?", user)).isEqualTo(userName);

		this.client.put()
			.uri("/api/users/{id}/profile", user)
			.bodyValue(Map.of("bio", "kept"))
			.exchange()
			.expectStatus()
			.isCreated();
		String profileTag = stale(etag("/api/users/" + user + "/profile"));
		expectProblem(patch("/api/users/" + user + "/profile", profileTag, Map.of("bio", "lost")), 412,
				"precondition-failed");
		expectProblem(this.client.put()
			.uri("/api/users/{id}/profile", user)
			.header(HttpHeaders.IF_MATCH, profileTag)
			.bodyValue(Map.of("bio", "lost"))
			.exchange(), 412, "precondition-failed");
		assertThat(Sql.string("SELECT bio FROM profiles WHERE user_id = ?", user)).isEqualTo("kept");
	}

	@Test
	void aCurrentOrWildcardIfMatchLetsTheWriteThroughAndAWeakOrForeignTagDoesNot() {
		String path = "/api/categories/" + category();
		patch(path, etag(path), Map.of("name", unique("Current"))).expectStatus().isOk();
		patch(path, "*", Map.of("name", unique("Wildcard"))).expectStatus().isOk();
		patch(path, "\"unrelated\", " + etag(path), Map.of("name", unique("Listed"))).expectStatus().isOk();
		expectProblem(patch(path, "W/" + etag(path), Map.of("name", unique("Weak"))), 412, "precondition-failed");
		expectProblem(patch(path, "\"unrelated\"", Map.of("name", unique("Foreign"))), 412, "precondition-failed");
	}

	@Test
	void aPutCreatingAProfileWithIfMatchIs412() {
		UUID user = Tokens.createUser(Role.USER, "etag");
		expectProblem(this.client.put()
			.uri("/api/users/{id}/profile", user)
			.header(HttpHeaders.IF_MATCH, "\"1700000000000000-000000000000000000000000\"")
			.bodyValue(Map.of("bio", "none yet"))
			.exchange(), 412, "precondition-failed");
		assertThat(Sql.count("SELECT count(*) FROM profiles WHERE user_id = ?", user)).isZero();
	}

	@Test
	void anIfMatchOnAMissingResourceIsStill404() {
		expectProblem(patch("/api/categories/" + UUID.randomUUID(), "\"1700000000000000-0\"", Map.of("name", "x")), 404,
				"not-found");
		expectProblem(this.client.delete()
			.uri("/api/posts/{id}", UUID.randomUUID())
			.header(HttpHeaders.IF_MATCH, "*")
			.exchange(), 404, "not-found");
	}

	@Test
	void aDeleteWithAStaleIfMatchIs412AndDeletesNothing() {
		UUID post = post(Map.of("title", "to delete"));
		String tag = etag("/api/posts/" + post);
		expectProblem(
				this.client.delete().uri("/api/posts/{id}", post).header(HttpHeaders.IF_MATCH, stale(tag)).exchange(),
				412, "precondition-failed");
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE id = ? AND deleted_at IS NULL", post)).isOne();
		UUID category = category();
		expectProblem(this.client.delete()
			.uri("/api/categories/{id}", category)
			.header(HttpHeaders.IF_MATCH, stale(etag("/api/categories/" + category)))
			.exchange(), 412, "precondition-failed");
		assertThat(Sql.count("SELECT count(*) FROM categories WHERE id = ?", category)).isOne();
		UUID comment = comment();
		expectProblem(this.client.delete()
			.uri("/api/comments/{id}", comment)
			.header(HttpHeaders.IF_MATCH, stale(etag("/api/comments/" + comment)))
			.exchange(), 412, "precondition-failed");
		UUID user = Tokens.createUser(Role.USER, "etag");
		expectProblem(this.client.delete()
			.uri("/api/users/{id}", user)
			.header(HttpHeaders.IF_MATCH, stale(etag("/api/users/" + user)))
			.exchange(), 412, "precondition-failed");
		assertThat(Sql.count("SELECT count(*) FROM users WHERE id = ? AND deleted_at IS NULL", user)).isOne();
		this.client.delete()
			.uri("/api/posts/{id}", post)
			.header(HttpHeaders.IF_MATCH, tag)
			.exchange()
			.expectStatus()
			.isNoContent();
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE id = ? AND deleted_at IS NULL", post)).isZero();
	}

	@Test
	void ofTwoConcurrentWritersHoldingTheSameTagExactlyOneWins() {
		WebClient web = WebClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin())
			.build();
		UUID post = post(Map.of("title", "contested"));
		String path = "/api/posts/" + post;
		for (int round = 0; round < 25; round++) {
			String tag = etag(path);
			Function<String, Mono<Integer>> patch = (title) -> web.method(HttpMethod.PATCH)
				.uri(path)
				.header(HttpHeaders.IF_MATCH, tag)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("title", title))
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()));
			String first = "round " + round + " first";
			String second = "round " + round + " second";
			List<Integer> statuses = new ArrayList<>(Mono.zip(patch.apply(first), patch.apply(second))
				.map((pair) -> List.of(pair.getT1(), pair.getT2()))
				.block());
			assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 412);
			String title = Sql.string("SELECT title FROM posts WHERE id = ?", post);
			assertThat(title).isEqualTo((statuses.get(0) == 200) ? first : second);
		}
	}

	private String etag(String path) {
		String tag = this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getETag();
		assertThat(tag).as("ETag of %s", path).isNotNull();
		return tag;
	}

	/** The tag of an older version of the same row (one microsecond earlier). */
	private static String stale(String tag) {
		int dash = tag.indexOf('-');
		long micros = Long.parseLong(tag.substring(1, dash));
		return "\"" + (micros - 1) + tag.substring(dash);
	}

	private WebTestClient.ResponseSpec patch(String path, String ifMatch, Map<String, Object> body) {
		WebTestClient.RequestBodySpec request = this.client.patch().uri(path);
		if (ifMatch != null) {
			request = request.header(HttpHeaders.IF_MATCH, ifMatch);
		}
		return request.bodyValue(body).exchange();
	}

	private UUID category() {
		return created(this.client.post().uri("/api/categories").bodyValue(Map.of("name", unique("Tagged"))));
	}

	private UUID post(Map<String, Object> body) {
		return created(this.client.post().uri("/api/posts").bodyValue(body));
	}

	private UUID comment() {
		UUID post = post(Map.of("title", "commented", "status", "PUBLISHED"));
		return created(this.client.post().uri("/api/posts/{id}/comments", post).bodyValue(Map.of("content", "first!")));
	}

	private static UUID created(WebTestClient.RequestHeadersSpec<?> request) {
		String location = request.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(String.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	private static String unique(String prefix) {
		return prefix + " " + UUID.randomUUID().toString().substring(0, 13);
	}

}
