package io.inkwell.security;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.db.Cursor;
import io.inkwell.db.Ids;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input is data: filter text with SQL and LIKE metacharacters matches only
 * itself, SQL in any parameter changes nothing, and what PostgreSQL cannot store (NUL),
 * cannot hold (far instants) or should not be asked (10 kB filters) is a 400 problem,
 * never a 500. The generated requests of {@link GeneratedInputPropertyTests} cover the
 * same ground at volume; these are the named cases.
 */
@IntegrationTest
class InjectionApiIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	@Autowired
	Environment environment;

	@Test
	void matchesLikeMetacharactersAndQuotesOnlyLiterally() throws SQLException {
		String marker = "inj" + UUID.randomUUID().toString().substring(0, 8);
		UUID author = Tokens.createUser(Role.USER, "literal");
		UUID percent = post(author, marker + " 100% sure");
		UUID underscore = post(author, marker + " snake_case");
		UUID backslash = post(author, marker + " back\\slash");
		UUID quote = post(author, marker + " O'Reilly");
		post(author, marker + " 100 plain sure");
		post(author, marker + " snakeXcase");
		assertThat(titles(marker + " 100%")).containsExactly(percent);
		assertThat(titles("snake_case")).contains(underscore).hasSize(1);
		assertThat(titles(marker + " back\\")).containsExactly(backslash);
		assertThat(titles(marker + " O'R")).containsExactly(quote);
	}

	@Test
	void returnsNoExtraRowsForSqlInAFilter() throws SQLException {
		long posts = Sql.count("SELECT count(*) FROM posts");
		for (String attack : List.of("' OR '1'='1", "%' OR 1=1 --", "'; DROP TABLE posts; --", "\\' OR 1=1; --")) {
			assertThat(titles(attack)).as(attack).isEmpty();
			get("/api/posts?search={s}&limit=100", attack).expectStatus().isOk();
			get("/api/posts?search={s}&sort=title&limit=100", attack).expectStatus().isOk();
		}
		assertThat(Sql.count("SELECT count(*) FROM posts")).isGreaterThanOrEqualTo(posts);
		assertThat(Sql.count("SELECT count(*) FROM users")).isPositive();
	}

	@Test
	void refusesNulAndOverlongFiltersWith400() {
		problem(get("/api/posts?q={q}", "a\u0000b"), 400, "invalid-parameter").jsonPath("$.errors[0].field")
			.isEqualTo("q");
		problem(get("/api/posts?search={q}", "x".repeat(10_000)), 400, "invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo("search");
		problem(get("/api/posts?sort={s}", "title; DROP TABLE posts"), 400, "invalid-parameter");
		problem(get("/api/posts?fields={f}", "id,(SELECT 1)"), 400, "invalid-parameter");
	}

	@Test
	void refusesANulByteInABodyWith400AndWritesNothing() throws SQLException {
		String name = "nul-" + UUID.randomUUID();
		problem(this.client.post()
			.uri("/api/categories")
			.header(HttpHeaders.AUTHORIZATION, this.tokens.admin())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", name + "\u0000"))
			.exchange(), 400, "invalid-value");
		assertThat(Sql.count("SELECT count(*) FROM categories WHERE name LIKE '" + name + "%'")).isZero();
	}

	@Test
	void refusesInstantsPostgresCannotHoldWith400() {
		problem(get("/api/posts?publishedFrom={t}", "+1000000000-01-01T00:00:00Z"), 400, "invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo("publishedFrom");
		problem(get("/api/posts?publishedTo={t}", "-999999999-01-01T00:00:00Z"), 400, "invalid-parameter");
	}

	@Test
	void refusesForgedCursorsWithFarInstantsWith400() throws SQLException {
		String forged = Cursor.encode(List.of("-createdAt", "t+1000000000-01-01T00:00:00Z", Ids.next().toString()));
		problem(get("/api/posts?sort=-createdAt&cursor={c}", forged), 400, "invalid-parameter");
		UUID post = post(Tokens.createUser(Role.USER, "cursor"), "Cursor target");
		String comments = Cursor.encode(List.of("+1000000000-01-01T00:00:00Z", Ids.next().toString()));
		problem(get("/api/posts/" + post + "/comments?cursor={c}", comments), 400, "invalid-parameter");
	}

	@Test
	void answersUrlsTheFirewallRefusesWithA400Problem() {
		for (String path : List.of("/api/users/x;y", "/api/posts/%2F", "/api/posts/%25", "/api/posts/a%5Cb")) {
			// already encoded: sent as written
			URI uri = URI.create("http://localhost:" + this.environment.getProperty("local.server.port") + path);
			problem(this.client.get().uri(uri).exchange(), 400, "invalid-parameter");
		}
	}

	private List<UUID> titles(String q) {
		Map<?, ?> body = get("/api/posts?q={q}&limit=100&fields=id", q).expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return ((List<?>) body.get("data")).stream()
			.map((row) -> UUID.fromString((String) ((Map<?, ?>) row).get("id")))
			.toList();
	}

	private WebTestClient.ResponseSpec get(String uri, Object... values) {
		return this.client.get().uri(uri, values).exchange();
	}

	private static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status, String slug) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:" + slug);
	}

	private static UUID post(UUID author, String title) throws SQLException {
		UUID id = Ids.next();
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement statement = connection.prepareStatement(
						"INSERT INTO posts (id, author_id, title, status, published_at) VALUES (?, ?, ?, 'PUBLISHED', now())")) {
			statement.setObject(1, id);
			statement.setObject(2, author);
			statement.setString(3, title);
			statement.executeUpdate();
		}
		return id;
	}

}
