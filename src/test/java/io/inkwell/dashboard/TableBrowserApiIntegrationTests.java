package io.inkwell.dashboard;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.inkwell.dashboard.DashboardFixtures.execute;
import static io.inkwell.dashboard.DashboardFixtures.insertUser;
import static io.inkwell.dashboard.DashboardFixtures.list;
import static io.inkwell.dashboard.DashboardFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only data browser: the catalog as whitelist, pages of 50 rows, masks, soft
 * deletes.
 */
@IntegrationTest
class TableBrowserApiIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	// the dashboard's data is for ADMINs (the authorisation matrix covers everyone else)
	@BeforeEach
	void authenticateAsAdmin() {
		this.client = this.client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin()).build();
	}

	@Test
	void listsTheApplicationsTablesWithColumnsTypesAndKeys() {
		List<Map<String, Object>> tables = list(get("/api/ops/tables"), "data");
		assertThat(tables).extracting((table) -> table.get("name"))
			.contains("users", "profiles", "posts", "categories", "post_categories", "comments")
			.doesNotContain("databasechangelog", "databasechangeloglock");
		Map<String, Object> users = table(tables, "users");
		assertThat(users.get("primaryKey")).isEqualTo(List.of("id"));
		assertThat(users.get("softDelete")).isEqualTo(true);
		List<Map<String, Object>> columns = list(users, "columns");
		assertThat(column(columns, "id")).containsEntry("type", "uuid").containsEntry("primaryKey", true);
		assertThat(column(columns, "role")).containsEntry("type", "user_role").containsEntry("nullable", false);
		assertThat(column(columns, "deleted_at")).containsEntry("type", "timestamp with time zone")
			.containsEntry("nullable", true);
		assertThat(column(columns, "password_hash")).containsEntry("masked", true);
		assertThat(column(columns, "email")).containsEntry("masked", false);
		Map<String, Object> links = table(tables, "post_categories");
		assertThat(links.get("primaryKey")).isEqualTo(List.of("post_id", "category_id"));
		assertThat(links.get("softDelete")).isEqualTo(false);
	}

	@Test
	void pagesATableFiftyRowsAtATimeInKeyOrder() throws SQLException {
		for (int i = 0; i < 51; i++) {
			execute("INSERT INTO categories (id, name) VALUES ('" + Ids.next() + "', '" + unique("browse") + "')");
		}
		long total = Long.parseLong(Sql.string("SELECT count(*) FROM categories"));
		Map<String, Object> first = get("/api/ops/tables/categories");
		Map<String, Object> second = get("/api/ops/tables/categories?page=2");
		assertThat(first.get("page")).isEqualTo(1);
		assertThat(first.get("pageSize")).isEqualTo(50);
		assertThat(first.get("hasMore")).isEqualTo(true);
		List<Map<String, Object>> firstRows = list(first, "rows");
		List<Map<String, Object>> secondRows = list(second, "rows");
		assertThat(firstRows).hasSize(50);
		assertThat(secondRows).hasSize((int) Math.min(50, total - 50));
		assertThat(second.get("hasMore")).isEqualTo(total > 100);
		String lastOfFirst = id(firstRows.get(49));
		String firstOfSecond = id(secondRows.get(0));
		assertThat(lastOfFirst).isLessThan(firstOfSecond);
		assertThat(lastOfFirst).isEqualTo(Sql.string("SELECT id FROM categories ORDER BY id OFFSET 49 LIMIT 1"));
		assertThat(firstOfSecond).isEqualTo(Sql.string("SELECT id FROM categories ORDER BY id OFFSET 50 LIMIT 1"));
	}

	@Test
	void marksSoftDeletedRowsAndNeverShowsAPasswordHash() throws SQLException {
		String hash = "$2a$10$" + UUID.randomUUID().toString().replace("-", "") + "dashboardtesthashvalue";
		UUID deleted = insertUser(unique("gone") + "@test.example", "USER", hash, true);
		UUID live = insertUser(unique("here") + "@test.example", "USER", null, false);
		long position = Long.parseLong(Sql.string("SELECT count(*) FROM users WHERE id <= ?", deleted));
		String body = this.client.get()
			.uri("/api/ops/tables/users?page={page}", (position - 1) / 50 + 1)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).doesNotContain(hash).doesNotContain(hash.substring(7, 30));
		Map<String, Object> page = get("/api/ops/tables/users?page=" + ((position - 1) / 50 + 1));
		List<Map<String, Object>> columns = list(page, "columns");
		int idColumn = indexOf(columns, "id");
		int hashColumn = indexOf(columns, "password_hash");
		Map<String, Object> deletedRow = row(list(page, "rows"), idColumn, deleted.toString());
		assertThat(deletedRow.get("deleted")).isEqualTo(true);
		assertThat(values(deletedRow).get(hashColumn)).isEqualTo("****");
		assertThat(values(deletedRow).get(indexOf(columns, "deleted_at"))).isNotNull();
		Map<String, Object> liveRow = row(list(get("/api/ops/tables/users?page="
				+ ((Long.parseLong(Sql.string("SELECT count(*) FROM users WHERE id <= ?", live)) - 1) / 50 + 1)),
				"rows"), idColumn, live.toString());
		assertThat(liveRow.get("deleted")).isEqualTo(false);
		// no hash: nothing to mask, and NULL stays NULL
		assertThat(values(liveRow).get(hashColumn)).isNull();
	}

	@Test
	void cutsLongValues() throws SQLException {
		execute("INSERT INTO users (id, email, name) VALUES ('" + Ids.next() + "', '" + unique("long")
				+ "@test.example', '" + "n".repeat(200) + "')");
		UUID author = UUID.fromString(Sql.string("SELECT id FROM users ORDER BY id DESC LIMIT 1"));
		UUID post = Ids.next();
		execute("INSERT INTO posts (id, author_id, title, body) VALUES ('" + post + "', '" + author + "', 'long', '"
				+ "b".repeat(5000) + "')");
		long position = Long.parseLong(Sql.string("SELECT count(*) FROM posts WHERE id <= ?", post));
		Map<String, Object> page = get("/api/ops/tables/posts?page=" + ((position - 1) / 50 + 1));
		List<Map<String, Object>> columns = list(page, "columns");
		Map<String, Object> row = row(list(page, "rows"), indexOf(columns, "id"), post.toString());
		assertThat(values(row).get(indexOf(columns, "body"))).isEqualTo("b".repeat(200) + "…");
	}

	@Test
	void answersATableOutsideTheWhitelistWith404() throws SQLException {
		String before = Sql.string("SELECT count(*) FROM users");
		for (String name : List.of("databasechangelog", "pg_authid", "nope", "USERS", "public.users", "\"users\"")) {
			this.client.get()
				.uri("/api/ops/tables/{name}", name)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:inkwell:problem:not-found");
		}
		// a ';' never reaches the handler: Spring Security's firewall refuses the URL
		// with its 400
		this.client.get()
			.uri("/api/ops/tables/{name}", "users;DROP TABLE users")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:invalid-parameter");
		assertThat(Sql.string("SELECT count(*) FROM users")).isEqualTo(before);
	}

	@Test
	void rejectsAPageThatIsNotAPositiveNumberWith400() {
		for (String page : List.of("0", "-1", "two", "1.5")) {
			this.client.get()
				.uri("/api/ops/tables/users?page={page}", page)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:inkwell:problem:invalid-parameter")
				.jsonPath("$.errors[0].field")
				.isEqualTo("page");
		}
	}

	private Map<String, Object> get(String path) {
		return this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private static Map<String, Object> table(List<Map<String, Object>> tables, String name) {
		return tables.stream().filter((table) -> table.get("name").equals(name)).findFirst().orElseThrow();
	}

	private static Map<String, Object> column(List<Map<String, Object>> columns, String name) {
		return columns.stream().filter((column) -> column.get("name").equals(name)).findFirst().orElseThrow();
	}

	private static int indexOf(List<Map<String, Object>> columns, String name) {
		for (int i = 0; i < columns.size(); i++) {
			if (columns.get(i).get("name").equals(name)) {
				return i;
			}
		}
		throw new AssertionError("no column " + name);
	}

	@SuppressWarnings("unchecked")
	private static List<String> values(Map<String, Object> row) {
		return (List<String>) row.get("values");
	}

	private static Map<String, Object> row(List<Map<String, Object>> rows, int idColumn, String id) {
		return rows.stream().filter((row) -> id.equals(values(row).get(idColumn))).findFirst().orElseThrow();
	}

	private static String id(Map<String, Object> row) {
		return values(row).get(0);
	}

}
