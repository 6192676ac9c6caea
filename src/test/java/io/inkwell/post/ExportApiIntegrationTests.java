package io.inkwell.post;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ExportApiIntegrationTests {

	private static final Instant PUBLISHED_AT = Instant.parse("2026-01-02T03:04:05.678Z");

	@Autowired
	WebTestClient client;

	@Autowired
	JsonMapper json;

	@Autowired
	Tokens tokens;

	/** The client without a token. */
	WebTestClient anonymous;

	UUID author;

	UUID published;

	UUID draft;

	@BeforeEach
	void postsOfOneAuthor() throws SQLException {
		// the export's formats and filters are tested as an ADMIN, who exports every
		// status
		this.anonymous = this.client;
		this.client = this.client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin()).build();
		this.author = ExportFixtures.author();
		this.published = ExportFixtures.post(this.author, "First, \"quoted\"\nand two lines", "PUBLISHED", PUBLISHED_AT,
				false);
		this.draft = ExportFixtures.post(this.author, "Draft", "DRAFT", null, false);
		ExportFixtures.post(this.author, "Deleted", "PUBLISHED", PUBLISHED_AT, true);
	}

	@AfterEach
	void removePosts() throws SQLException {
		ExportFixtures.deleteAuthor(this.author);
	}

	@Test
	void givesAnonymousCallersAndUsersThePublishedPostsOnly() {
		for (String token : java.util.Arrays.asList(null, this.tokens.user(this.author))) {
			WebTestClient.RequestHeadersSpec<?> request = this.anonymous.get()
				.uri("/api/posts/export?authorId=" + this.author)
				.accept(MediaType.APPLICATION_NDJSON);
			if (token != null) {
				request.header(HttpHeaders.AUTHORIZATION, token);
			}
			String body = request.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			List<Map<String, Object>> posts = ndjson(body);
			assertThat(posts).extracting((post) -> post.get("id")).containsExactly(this.published.toString());
		}
	}

	@Test
	void refusesAnotherStatusThanPublishedToAnonymousCallersWith403() {
		this.anonymous.get()
			.uri("/api/posts/export?status=DRAFT&authorId=" + this.author)
			.accept(MediaType.APPLICATION_NDJSON)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:forbidden");
	}

	@Test
	void streamsAnAuthorsLivePostsAsNdjsonInCreationOrder() {
		List<Map<String, Object>> posts = ndjson(exportOf(MediaType.APPLICATION_NDJSON, ""));
		assertThat(posts).hasSize(2);
		assertThat(posts.get(0)).containsOnlyKeys("id", "title", "status", "publishedAt", "authorId", "createdAt")
			.containsEntry("id", this.published.toString())
			.containsEntry("title", "First, \"quoted\"\nand two lines")
			.containsEntry("status", "PUBLISHED")
			.containsEntry("publishedAt", "2026-01-02T03:04:05.678Z")
			.containsEntry("authorId", this.author.toString());
		assertThat((String) posts.get(0).get("createdAt")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
		assertThat(posts.get(1)).containsEntry("id", this.draft.toString())
			.containsEntry("status", "DRAFT")
			.containsEntry("publishedAt", null);
	}

	@Test
	void filtersByStatus() {
		List<Map<String, Object>> drafts = ndjson(exportOf(MediaType.APPLICATION_NDJSON, "&status=DRAFT"));
		assertThat(drafts).extracting((post) -> post.get("id")).containsExactly(this.draft.toString());
		assertThat(ndjson(exportOf(MediaType.APPLICATION_NDJSON, "&status=ARCHIVED"))).isEmpty();
	}

	@Test
	void writesCsvWithAHeaderAndQuotedFields() {
		String csv = this.client.get()
			.uri("/api/posts/export?authorId={author}", this.author)
			.accept(MediaType.parseMediaType("text/csv"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("text/csv;charset=UTF-8")
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"posts.csv\"")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		List<List<String>> rows = parseCsv(csv);
		assertThat(rows).hasSize(3);
		assertThat(rows.get(0)).containsExactly("id", "title", "status", "publishedAt", "authorId", "createdAt");
		assertThat(rows.get(1)).containsExactly(this.published.toString(), "First, \"quoted\"\nand two lines",
				"PUBLISHED", "2026-01-02T03:04:05.678Z", this.author.toString(), rows.get(1).get(5));
		assertThat(rows.get(2).subList(0, 5)).containsExactly(this.draft.toString(), "Draft", "DRAFT", "",
				this.author.toString());
		assertThat(csv).startsWith("id,title,status,publishedAt,authorId,createdAt\r\n").endsWith("\r\n");
	}

	@Test
	void choosesTheFormatFromAccept() {
		assertThat(contentTypeFor("*/*")).isEqualTo("application/x-ndjson");
		assertThat(contentTypeFor("application/*")).isEqualTo("application/x-ndjson");
		assertThat(contentTypeFor("text/*")).isEqualTo("text/csv;charset=UTF-8");
		assertThat(contentTypeFor("application/json, text/csv")).isEqualTo("text/csv;charset=UTF-8");
		assertThat(contentTypeFor("application/x-ndjson;q=0.5, text/csv")).isEqualTo("text/csv;charset=UTF-8");
		assertThat(contentTypeFor("text/csv;q=0.2, */*;q=0.1")).isEqualTo("text/csv;charset=UTF-8");
	}

	@Test
	void answers406ForOtherMediaTypes() {
		for (String accept : new String[] { "application/json", "text/html", "application/x-ndjson;q=0",
				"image/png, text/plain" }) {
			this.client.get()
				.uri("/api/posts/export?authorId={author}", this.author)
				.header(HttpHeaders.ACCEPT, accept)
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.NOT_ACCEPTABLE)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:inkwell:problem:not-acceptable")
				.jsonPath("$.detail")
				.value((String detail) -> assertThat(detail).contains("application/x-ndjson").contains("text/csv"));
		}
	}

	@Test
	void rejectsBadFiltersAndAMalformedAcceptWith400() {
		expectInvalidParameter("/api/posts/export?status=PENDING", MediaType.APPLICATION_NDJSON_VALUE, "status");
		expectInvalidParameter("/api/posts/export?status=draft", MediaType.APPLICATION_NDJSON_VALUE, "status");
		expectInvalidParameter("/api/posts/export?authorId=nope", MediaType.APPLICATION_NDJSON_VALUE, "authorId");
		expectInvalidParameter("/api/posts/export", "text/", "Accept");
	}

	private String exportOf(MediaType accept, String query) {
		return this.client.get()
			.uri("/api/posts/export?authorId=" + this.author + query)
			.accept(accept)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_NDJSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private String contentTypeFor(String accept) {
		return this.client.get()
			.uri("/api/posts/export?authorId={author}", this.author)
			.header(HttpHeaders.ACCEPT, accept)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst(HttpHeaders.CONTENT_TYPE);
	}

	private void expectInvalidParameter(String uri, String accept, String field) {
		this.client.get()
			.uri(uri)
			.header(HttpHeaders.ACCEPT, accept)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

	private List<Map<String, Object>> ndjson(String body) {
		if (body == null) {
			return List.of();
		}
		assertThat(body).endsWith("\n");
		return Arrays.stream(body.split("\n"))
			.map((line) -> this.json.readValue(line, new TypeReference<Map<String, Object>>() {
			}))
			.toList();
	}

	/**
	 * A strict RFC 4180 reader: quoted fields may hold commas, quotes (doubled) and line
	 * breaks.
	 */
	static List<List<String>> parseCsv(String csv) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < csv.length(); i++) {
			char c = csv.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"') {
				assertThat(field).as("a quote opens a field").isEmpty();
				quoted = true;
			}
			else if (c == ',') {
				row.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
				row.add(field.toString());
				field.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
				i++;
			}
			else {
				assertThat(c).as("bare line break outside quotes").isNotIn('\r', '\n');
				field.append(c);
			}
		}
		assertThat(quoted).as("unterminated quote").isFalse();
		assertThat(row).as("last line ends with CRLF").isEmpty();
		return rows;
	}

}
