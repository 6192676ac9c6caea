package io.inkwell.category;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.StatementCounter;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.inkwell.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CategoryApiIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	@Autowired
	StatementCounter statements;

	// this class tests the feature, not who may use it (security/ does): as an ADMIN, who
	// may do everything
	@BeforeEach
	void authenticateAsAdmin() {
		this.client = this.client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin()).build();
	}

	@Test
	void createsCategoryWith201AndLocationThenGetsIt() throws SQLException {
		String name = unique("Create");
		Map<String, Object> body = post(Map.of("name", "  " + name + "  ")).expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/api/categories/[0-9a-f-]{36}")
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(body).containsOnlyKeys("id", "name", "createdAt", "updatedAt");
		assertThat(body).containsEntry("name", name);
		UUID id = UUID.fromString((String) body.get("id"));
		assertThat(id.version()).isEqualTo(7);
		assertThat(Sql.string("SELECT name FROM categories WHERE id = ?", id)).isEqualTo(name);
		this.client.get()
			.uri("/api/categories/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id.toString())
			.jsonPath("$.name")
			.isEqualTo(name);
	}

	@Test
	void acceptsNameOf100CharactersAfterStripping() throws SQLException {
		String name = unique("Long") + "x".repeat(100 - unique("Long").length());
		assertThat(name).hasSize(100);
		post(Map.of("name", " " + name + " ")).expectStatus().isCreated();
		assertThat(Sql.string("SELECT count(*) FROM categories WHERE name = ?", name)).isEqualTo("1");
	}

	@Test
	void duplicateNameIs409NamingTheFieldAndCreatesNothing() throws SQLException {
		String name = unique("Dup");
		post(Map.of("name", name)).expectStatus().isCreated();
		expectProblem(post(Map.of("name", " " + name)), 409, "duplicate").jsonPath("$.errors[0].field")
			.isEqualTo("name");
		assertThat(Sql.string("SELECT count(*) FROM categories WHERE name = ?", name)).isEqualTo("1");
	}

	@Test
	void refusesInvalidNamesWith400AndCreatesNothing() throws SQLException {
		String tooLong = unique("Long") + "y".repeat(101);
		expectProblem(post(Map.of("name", "   ")), 400, "validation").jsonPath("$.errors[0].field").isEqualTo("name");
		expectProblem(post(Map.of("name", tooLong)), 400, "validation").jsonPath("$.errors[0].field").isEqualTo("name");
		expectProblem(post(Map.of()), 400, "validation");
		expectProblem(post(Map.of("name", List.of("x"))), 400, "malformed-body");
		expectProblem(this.client.post().uri("/api/categories").contentType(MediaType.APPLICATION_JSON).exchange(), 400,
				"malformed-body");
		assertThat(Sql.string("SELECT count(*) FROM categories WHERE name = ?", tooLong)).isEqualTo("0");
		assertThat(Sql.string("SELECT count(*) FROM categories WHERE btrim(name) = ?", "")).isEqualTo("0");
	}

	@Test
	void listsAllCategoriesOrderedByNameInOneStatement() {
		String prefix = unique("List");
		List<String> names = List.of(prefix + "-c", prefix + "-a", prefix + "-b");
		names.forEach((name) -> post(Map.of("name", name)).expectStatus().isCreated());
		this.statements.reset();
		Map<String, Object> page = this.client.get()
			.uri("/api/categories")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(this.statements.count()).isEqualTo(1);
		assertThat(page).containsOnlyKeys("data", "nextCursor");
		assertThat(page.get("nextCursor")).isNull();
		List<String> listed = names(page).stream().filter((name) -> name.startsWith(prefix)).toList();
		assertThat(listed).containsExactly(prefix + "-a", prefix + "-b", prefix + "-c");
	}

	@Test
	void pagesThroughCategoriesWithCursorSeeingEachOnce() {
		String prefix = unique("Page");
		List<String> mine = new ArrayList<>();
		// '|' is the cursor's own separator: names holding it must still page correctly
		for (String suffix : List.of("a|1", "b", "c|", "d", "e")) {
			mine.add(prefix + "-" + suffix);
			post(Map.of("name", prefix + "-" + suffix)).expectStatus().isCreated();
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Map<String, Object> page = this.client.get()
				.uri("/api/categories?limit=2" + ((cursor != null) ? "&cursor=" + cursor : ""))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.returnResult()
				.getResponseBody();
			List<String> names = names(page);
			assertThat(names).hasSizeLessThanOrEqualTo(2);
			seen.addAll(names);
			cursor = (String) page.get("nextCursor");
			pages++;
		}
		while (cursor != null && pages < 10_000);
		assertThat(seen).doesNotHaveDuplicates();
		assertThat(seen.stream().filter((name) -> name.startsWith(prefix)).toList()).containsExactlyElementsOf(mine);
	}

	@Test
	void refusesBadPagingParametersWith400() {
		expectProblem(this.client.get().uri("/api/categories?limit=0").exchange(), 400, "invalid-parameter");
		expectProblem(this.client.get().uri("/api/categories?limit=x").exchange(), 400, "invalid-parameter");
		expectProblem(this.client.get().uri("/api/categories?cursor=%27%3B--").exchange(), 400, "invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo("cursor");
	}

	@Test
	void renamesCategory() throws SQLException {
		UUID id = create(unique("Old"));
		String name = unique("New");
		this.client.patch()
			.uri("/api/categories/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", name + " "))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo(name)
			.jsonPath("$.id")
			.isEqualTo(id.toString());
		assertThat(Sql.string("SELECT name FROM categories WHERE id = ?", id)).isEqualTo(name);
		assertThat(Sql.string("SELECT updated_at > created_at FROM categories WHERE id = ?", id)).isEqualTo("t");
	}

	@Test
	void renameToTakenNameIs409AndInvalidRenameIs400AndNeitherChangesAnything() throws SQLException {
		String taken = unique("Taken");
		create(taken);
		String mine = unique("Mine");
		UUID id = create(mine);
		expectProblem(rename(id, taken), 409, "duplicate").jsonPath("$.errors[0].field").isEqualTo("name");
		expectProblem(rename(id, " "), 400, "validation");
		assertThat(Sql.string("SELECT name FROM categories WHERE id = ?", id)).isEqualTo(mine);
		assertThat(Sql.string("SELECT count(*) FROM categories WHERE name = ?", taken)).isEqualTo("1");
	}

	@Test
	void unknownCategoryIs404AndMalformedIdIs400() throws SQLException {
		UUID unknown = UUID.randomUUID();
		String name = unique("Ghost");
		expectProblem(this.client.get().uri("/api/categories/{id}", unknown).exchange(), 404, "not-found");
		expectProblem(rename(unknown, name), 404, "not-found");
		expectProblem(this.client.delete().uri("/api/categories/{id}", unknown).exchange(), 404, "not-found");
		expectProblem(this.client.get().uri("/api/categories/not-a-uuid").exchange(), 400, "invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
		assertThat(Sql.string("SELECT count(*) FROM categories WHERE name = ?", name)).isEqualTo("0");
	}

	@Test
	void deletesCategoryAndItsPostLinksButNotThePosts() throws SQLException {
		UUID id = create(unique("Doomed"));
		// application-made UUIDv7 ids, like every real row: other tests page users and
		// posts in id order
		UUID author = Ids.next();
		UUID post = Ids.next();
		Sql.execute("INSERT INTO users (id, email, name) VALUES (?, ?, 'Author')", author,
				("cat-author-" + author + "@test.example"));
		Sql.execute("INSERT INTO posts (id, author_id, title) VALUES (?, ?, 'Linked')", post, author);
		Sql.execute("INSERT INTO post_categories (post_id, category_id) VALUES (?, ?)", post, id);
		this.client.delete().uri("/api/categories/{id}", id).exchange().expectStatus().isNoContent();
		assertThat(Sql.string("SELECT count(*) FROM categories WHERE id = ?", id)).isEqualTo("0");
		assertThat(Sql.string("SELECT count(*) FROM post_categories WHERE category_id = ?", id)).isEqualTo("0");
		assertThat(Sql.string("SELECT count(*) FROM posts WHERE id = ?", post)).isEqualTo("1");
		expectProblem(this.client.get().uri("/api/categories/{id}", id).exchange(), 404, "not-found");
		expectProblem(this.client.delete().uri("/api/categories/{id}", id).exchange(), 404, "not-found");
	}

	private WebTestClient.ResponseSpec post(Object body) {
		return this.client.post()
			.uri("/api/categories")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec rename(UUID id, String name) {
		return this.client.patch()
			.uri("/api/categories/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", name))
			.exchange();
	}

	private UUID create(String name) {
		Map<String, Object> body = post(Map.of("name", name)).expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		return UUID.fromString((String) body.get("id"));
	}

	@SuppressWarnings("unchecked")
	private static List<String> names(Map<String, Object> page) {
		return ((List<Map<String, Object>>) page.get("data")).stream().map((c) -> (String) c.get("name")).toList();
	}

	/** Unique, and short enough to leave room under the 100-character limit. */
	private static String unique(String prefix) {
		return prefix + " " + UUID.randomUUID();
	}

}
