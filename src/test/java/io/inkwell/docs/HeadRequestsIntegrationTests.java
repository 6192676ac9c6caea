package io.inkwell.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.security.Role;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.RouterWalk;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code HEAD} on every GET route the application serves (read from its routers, so a new
 * route is covered without touching this test) answers the GET's status and headers and
 * no body.
 */
@IntegrationTest
class HeadRequestsIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	@Autowired
	ApplicationContext context;

	@Test
	void headAnswersEveryGetRouteWithTheGetsStatusAndHeadersAndNoBody() {
		WebTestClient admin = this.client.mutate()
			.defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin())
			.build();
		Map<String, String> values = values(admin);
		List<String> checked = new ArrayList<>();
		for (RouterWalk.Route route : RouterWalk.of(this.context)) {
			if (route.method() != HttpMethod.GET || route.pattern().startsWith("/test/")) {
				continue;
			}
			String path = concrete(route.pattern(), values);
			for (WebTestClient client : List.of(this.client, admin)) {
				compare(client, path);
			}
			checked.add(path);
		}
		compare(this.client, "/actuator/health/liveness");
		assertThat(checked).contains("/api/users/" + values.get("user"), "/api/posts", "/openapi.yaml");
	}

	@Test
	void headOfARouteThatServesNoHeadOrGetIsStillA404() {
		this.client.head().uri("/api/nothing-here").exchange().expectStatus().isNotFound();
	}

	private static void compare(WebTestClient client, String path) {
		EntityExchangeResult<byte[]> get = client.get().uri(path).exchange().expectBody().returnResult();
		EntityExchangeResult<byte[]> head = client.head().uri(path).exchange().expectBody().returnResult();
		HttpHeaders getHeaders = get.getResponseHeaders();
		HttpHeaders headHeaders = head.getResponseHeaders();
		assertThat(head.getStatus()).as("HEAD %s", path).isEqualTo(get.getStatus());
		assertThat(head.getResponseBody()).as("HEAD %s body", path).isNull();
		assertThat(headHeaders.getContentType()).as("HEAD %s Content-Type", path)
			.isEqualTo(getHeaders.getContentType());
		if (changesBetweenCalls(path)) {
			return;
		}
		assertThat(headHeaders.getETag()).as("HEAD %s ETag", path).isEqualTo(getHeaders.getETag());
		if (getHeaders.containsHeader(HttpHeaders.CONTENT_LENGTH)) {
			assertThat(headHeaders.getContentLength()).as("HEAD %s Content-Length", path)
				.isEqualTo(getHeaders.getContentLength());
		}
	}

	/** Answers that change from one call to the next (live figures). */
	private static boolean changesBetweenCalls(String path) {
		return path.startsWith("/api/ops") || path.startsWith("/actuator");
	}

	/** Ids of rows that exist, so that most routes answer 200 rather than 404. */
	private static Map<String, String> values(WebTestClient admin) {
		UUID user = Tokens.createUser(Role.USER, "head");
		String post = created(admin.post()
			.uri("/api/posts")
			.bodyValue(Map.of("title", "head", "status", "PUBLISHED", "authorId", user.toString())));
		String comment = created(admin.post().uri("/api/posts/{id}/comments", post).bodyValue(Map.of("content", "hi")));
		String category = created(
				admin.post().uri("/api/categories").bodyValue(Map.of("name", "Head " + UUID.randomUUID())));
		return Map.of("user", user.toString(), "post", post, "comment", comment, "category", category);
	}

	private static String concrete(String pattern, Map<String, String> values) {
		String path = pattern;
		if (path.startsWith("/api/users/")) {
			path = path.replace("{id}", values.get("user")).replace("{authorId}", values.get("user"));
		}
		if (path.startsWith("/api/posts/")) {
			path = path.replace("{id}", values.get("post")).replace("{postId}", values.get("post"));
		}
		if (path.startsWith("/api/comments/")) {
			path = path.replace("{id}", values.get("comment"));
		}
		if (path.startsWith("/api/categories/")) {
			path = path.replace("{id}", values.get("category"));
		}
		// any other variable: a value that names nothing (the GET's 404 or 400 is
		// compared)
		return path.replace("{name}", "users").replaceAll("\\{\\*?[A-Za-z]+}", UUID.randomUUID().toString());
	}

	private static String created(WebTestClient.RequestHeadersSpec<?> request) {
		String location = request.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(String.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
		return location.substring(location.lastIndexOf('/') + 1);
	}

}
