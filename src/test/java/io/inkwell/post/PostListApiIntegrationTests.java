package io.inkwell.post;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.StatementCounter;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

import static io.inkwell.post.PostFixtures.unique;
import static io.inkwell.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/posts}: filters, orderings, both paging modes, shaping, statement
 * counts.
 */
@IntegrationTest
class PostListApiIntegrationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

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
	void listsPublishedPostsNewestFirstWithAuthorsInOneStatement() throws SQLException {
		UUID author = PostFixtures.user();
		PostFixtures.posts(author, 3, "PUBLISHED", Instant.now());
		this.statements.reset();
		Map<String, Object> page = get("/api/posts?status=PUBLISHED&limit=20&include=author");
		assertThat(this.statements.count()).isEqualTo(1);
		assertThat(page).containsOnlyKeys("data", "nextCursor");
		List<Map<String, Object>> data = data(page);
		assertThat(data).isNotEmpty().hasSizeLessThanOrEqualTo(20);
		for (Map<String, Object> post : data) {
			assertThat(post).containsOnlyKeys("id", "title", "status", "publishedAt", "authorId", "author");
			assertThat(post).containsEntry("status", "PUBLISHED");
			@SuppressWarnings("unchecked")
			Map<String, Object> postAuthor = (Map<String, Object>) post.get("author");
			// other tests leave posts of soft-deleted authors behind: their author is
			// null
			if (postAuthor != null) {
				assertThat(postAuthor).containsOnlyKeys("id", "name").containsEntry("id", post.get("authorId"));
			}
		}
		assertThat(data).filteredOn((post) -> post.get("author") != null).isNotEmpty();
		assertThat(data).extracting((post) -> Instant.parse((String) post.get("publishedAt")))
			.isSortedAccordingTo(Comparator.reverseOrder());
	}

	@Test
	void listsAnAuthorsPostsOfEveryStatusNewestFirstWithoutDeletedOnes() throws SQLException {
		UUID author = PostFixtures.user();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		UUID draft = PostFixtures.post(author, "Draft", "", "DRAFT", null, now.minusSeconds(3));
		UUID published = PostFixtures.post(author, "Published", "", "PUBLISHED", now, now.minusSeconds(2));
		UUID archived = PostFixtures.post(author, "Archived", "", "ARCHIVED", null, now.minusSeconds(1));
		UUID deleted = PostFixtures.post(author, "Deleted", "", "PUBLISHED", now, now);
		Sql.execute("UPDATE posts SET deleted_at = now() WHERE id = ?", deleted);
		Map<String, Object> page = get("/api/posts?authorId=" + author);
		assertThat(ids(page)).containsExactly(archived.toString(), published.toString(), draft.toString());
		assertThat(data(page).get(2)).containsEntry("publishedAt", null).doesNotContainKey("body");
		assertThat(page).containsEntry("nextCursor", null);
	}

	@Test
	void loadsRelationsInTheSameNumberOfStatementsForOneAndOneHundredPosts() throws SQLException {
		UUID author = PostFixtures.user();
		List<UUID> posts = PostFixtures.posts(author, 101, "PUBLISHED", Instant.now());
		UUID category = PostFixtures.category(unique("Counted"));
		for (UUID post : posts.subList(0, 50)) {
			PostFixtures.link(post, category);
		}
		PostFixtures.comment(posts.get(0), author, false);
		PostFixtures.comment(posts.get(99), author, false);
		String include = "&include=author,categories,commentCount";
		this.statements.reset();
		Map<String, Object> one = get("/api/posts?authorId=" + author + "&limit=1" + include);
		int forOne = this.statements.count();
		this.statements.reset();
		Map<String, Object> hundred = get("/api/posts?authorId=" + author + "&limit=100" + include);
		int forHundred = this.statements.count();
		assertThat(data(one)).hasSize(1);
		assertThat(data(hundred)).hasSize(100);
		assertThat(forOne).isEqualTo(forHundred).isEqualTo(3);
		assertThat(data(hundred).get(0)).containsEntry("commentCount", 1)
			.containsEntry("categories", List.of(Map.of("id", category.toString(), "name",
					Sql.string("SELECT name FROM categories WHERE id = ?", category))));
		assertThat(data(hundred).get(99)).containsEntry("commentCount", 1).containsEntry("categories", List.of());
		assertThat(data(hundred).get(50)).containsEntry("commentCount", 0);
		this.statements.reset();
		get("/api/posts?authorId=" + author + "&page=1&size=1" + include);
		int offsetForOne = this.statements.count();
		this.statements.reset();
		get("/api/posts?authorId=" + author + "&page=1&size=100" + include);
		assertThat(this.statements.count()).isEqualTo(offsetForOne).isEqualTo(4);
	}

	@Test
	void cursorReturnsEveryRowOnceWhileNewerPostsAreInserted() throws SQLException {
		UUID author = PostFixtures.user();
		List<UUID> original = PostFixtures.posts(author, 25, "DRAFT", Instant.now().minusSeconds(60));
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Map<String, Object> page = get(
					"/api/posts?authorId=" + author + "&limit=7" + ((cursor != null) ? "&cursor=" + cursor : ""));
			seen.addAll(ids(page));
			cursor = (String) page.get("nextCursor");
			// newer rows land before the cursor of a newest-first list
			PostFixtures.posts(author, 2, "DRAFT", Instant.now());
			pages++;
		}
		while (cursor != null && pages < 100);
		assertThat(pages).isEqualTo(4);
		assertThat(seen).containsExactlyElementsOf(original.stream().map(UUID::toString).toList());
	}

	@Test
	void cursorReturnsEveryRowOnceWhenInsertedRowsSortAfterIt() throws SQLException {
		UUID author = PostFixtures.user();
		List<String> original = new ArrayList<>();
		Instant base = Instant.now().minusSeconds(600);
		for (int i = 0; i < 12; i++) {
			original.add(PostFixtures.post(author, "m" + (char) ('a' + i), "", "DRAFT", null, base.plusSeconds(i))
				.toString());
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Map<String, Object> page = get("/api/posts?authorId=" + author + "&sort=title&limit=5"
					+ ((cursor != null) ? "&cursor=" + cursor : ""));
			seen.addAll(ids(page));
			cursor = (String) page.get("nextCursor");
			// one before and one after every position of the title order
			PostFixtures.post(author, "a-inserted", "", "DRAFT", null, Instant.now());
			PostFixtures.post(author, "z-inserted", "", "DRAFT", null, Instant.now());
			pages++;
		}
		while (cursor != null && pages < 100);
		assertThat(seen).doesNotHaveDuplicates();
		assertThat(seen.stream().filter(original::contains).toList()).containsExactlyElementsOf(original);
	}

	@ParameterizedTest
	@ValueSource(strings = { "publishedAt", "-publishedAt", "createdAt", "-createdAt", "title", "-title" })
	void pagesEverySortOrderExactlyOnceIncludingTiesAndNulls(String sort) throws SQLException {
		UUID author = PostFixtures.user();
		Instant t = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		// ties on every key, never-published posts, and titles with the cursor's
		// separator and escape
		PostFixtures.post(author, "Same | title", "", "PUBLISHED", t, t);
		PostFixtures.post(author, "Same | title", "", "PUBLISHED", t, t);
		PostFixtures.post(author, "100% done", "", "DRAFT", null, t);
		PostFixtures.post(author, "100% done", "", "ARCHIVED", null, t.plusSeconds(1));
		PostFixtures.post(author, "Zebra", "", "PUBLISHED", t.minusSeconds(5), t.plusSeconds(2));
		PostFixtures.post(author, "alpha", "", "ARCHIVED", t.plusSeconds(5), t.minusSeconds(2));
		PostFixtures.post(author, "%7C escaped?", "", "DRAFT", null, t.minusSeconds(1));
		List<String> all = ids(get("/api/posts?authorId=" + author + "&limit=100&sort=" + sort));
		assertThat(all).hasSize(7);
		List<String> paged = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Map<String, Object> page = get(UriComponentsBuilder.fromPath("/api/posts")
				.queryParam("authorId", author)
				.queryParam("limit", 2)
				.queryParam("sort", sort)
				.queryParamIfPresent("cursor", java.util.Optional.ofNullable(cursor))
				.build()
				.toUriString());
			paged.addAll(ids(page));
			cursor = (String) page.get("nextCursor");
			pages++;
		}
		while (cursor != null && pages < 100);
		assertThat(paged).containsExactlyElementsOf(all);
	}

	@Test
	void sortsNeverPublishedPostsAsNewestAndNullsLastAscending() throws SQLException {
		UUID author = PostFixtures.user();
		Instant t = Instant.now().minus(1, ChronoUnit.DAYS);
		UUID older = PostFixtures.post(author, "Older", "", "PUBLISHED", t, t);
		UUID newer = PostFixtures.post(author, "Newer", "", "PUBLISHED", t.plusSeconds(60), t);
		UUID draft = PostFixtures.post(author, "Draft", "", "DRAFT", null, t);
		assertThat(ids(get("/api/posts?authorId=" + author + "&sort=-publishedAt"))).containsExactly(draft.toString(),
				newer.toString(), older.toString());
		assertThat(ids(get("/api/posts?authorId=" + author + "&sort=publishedAt"))).containsExactly(older.toString(),
				newer.toString(), draft.toString());
	}

	@Test
	void filtersByStatusCategoryAndPublicationWindow() throws SQLException {
		UUID author = PostFixtures.user();
		Instant t = Instant.parse("2024-03-01T12:00:00Z");
		UUID early = PostFixtures.post(author, "Early", "", "PUBLISHED", t.minusSeconds(1), t);
		UUID atStart = PostFixtures.post(author, "At start", "", "PUBLISHED", t, t);
		UUID atEnd = PostFixtures.post(author, "At end", "", "PUBLISHED", t.plusSeconds(3600), t);
		UUID draft = PostFixtures.post(author, "Draft", "", "DRAFT", null, t);
		UUID category = PostFixtures.category(unique("Filter"));
		PostFixtures.link(atStart, category);
		PostFixtures.link(draft, category);
		String byAuthor = "/api/posts?authorId=" + author;
		assertThat(ids(get(byAuthor + "&status=DRAFT"))).containsExactly(draft.toString());
		assertThat(ids(get(byAuthor + "&status=PUBLISHED"))).containsExactly(atEnd.toString(), atStart.toString(),
				early.toString());
		assertThat(ids(get("/api/posts?categoryId=" + category))).containsExactlyInAnyOrder(atStart.toString(),
				draft.toString());
		// publishedFrom inclusive, publishedTo exclusive
		assertThat(ids(get(byAuthor + "&publishedFrom=2024-03-01T12:00:00Z&publishedTo=2024-03-01T13:00:00Z")))
			.containsExactly(atStart.toString());
		assertThat(ids(get(byAuthor + "&publishedFrom=2024-03-01T13:00:00%2B01:00"))).containsExactly(atEnd.toString(),
				atStart.toString());
		assertThat(ids(get("/api/posts?categoryId=" + UUID.randomUUID()))).isEmpty();
	}

	@Test
	void filtersByCaseInsensitiveSubstringOfTitleOrBody() throws SQLException {
		UUID author = PostFixtures.user();
		Instant t = Instant.now();
		UUID inTitle = PostFixtures.post(author, "Reactive STREAMS", "", "DRAFT", null, t);
		UUID inBody = PostFixtures.post(author, "Other", "all about streams here", "DRAFT", null, t.minusSeconds(1));
		PostFixtures.post(author, "Unrelated", "nothing", "DRAFT", null, t.minusSeconds(2));
		assertThat(ids(get("/api/posts?authorId=" + author + "&q=sTrEaMs"))).containsExactly(inTitle.toString(),
				inBody.toString());
	}

	@Test
	void treatsLikeMetacharactersAndQuotesInQAsData() throws SQLException {
		UUID author = PostFixtures.user();
		Instant t = Instant.now();
		UUID percent = PostFixtures.post(author, "100% sure", "", "DRAFT", null, t);
		UUID underscore = PostFixtures.post(author, "snake_case", "", "DRAFT", null, t.minusSeconds(1));
		UUID backslash = PostFixtures.post(author, "C:\\temp", "", "DRAFT", null, t.minusSeconds(2));
		UUID quote = PostFixtures.post(author, "quote'; -- inside", "", "DRAFT", null, t.minusSeconds(3));
		PostFixtures.post(author, "plain 100 words in snakecase", "", "DRAFT", null, t.minusSeconds(4));
		// three characters at least (issue #26: shorter ones cannot use the trigram
		// indexes)
		assertThat(ids(get(query(author, "q", "0% ")))).containsExactly(percent.toString());
		assertThat(ids(get(query(author, "q", "e_c")))).containsExactly(underscore.toString());
		assertThat(ids(get(query(author, "q", ":\\t")))).containsExactly(backslash.toString());
		assertThat(ids(get(query(author, "q", "'; --")))).containsExactly(quote.toString());
		assertThat(ids(get(query(author, "q", "'; DROP TABLE posts; --")))).isEmpty();
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE author_id = ?", author)).isEqualTo(5);
	}

	@Test
	void searchesFullTextRankingTitleMatchesFirst() throws SQLException {
		UUID author = PostFixtures.user();
		Instant t = Instant.now();
		UUID inBody = PostFixtures.post(author, "Notes", "we tuned the connection pool today", "PUBLISHED", t, t);
		UUID inTitle = PostFixtures.post(author, "Connection pools explained", "sizing", "PUBLISHED", t,
				t.minusSeconds(1));
		PostFixtures.post(author, "Unrelated", "nothing to see", "PUBLISHED", t, t.minusSeconds(2));
		assertThat(ids(get(query(author, "search", "connection pool")))).containsExactly(inTitle.toString(),
				inBody.toString());
		// keyset on (rank, id): one row a page still yields each match once, in rank
		// order
		List<String> paged = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Map<String, Object> page = get(UriComponentsBuilder.fromPath("/api/posts")
				.queryParam("authorId", author)
				.queryParam("search", "{search}")
				.queryParam("limit", 1)
				.queryParamIfPresent("cursor", java.util.Optional.ofNullable(cursor))
				.encode()
				.buildAndExpand("connection pool")
				.toUriString());
			paged.addAll(ids(page));
			cursor = (String) page.get("nextCursor");
			pages++;
		}
		while (cursor != null && pages < 10);
		assertThat(paged).containsExactly(inTitle.toString(), inBody.toString());
		assertThat(ids(get(query(author, "search", "connection -pool")))).isEmpty();
		assertThat(ids(get(query(author, "search", "connection") + "&sort=-createdAt")))
			.containsExactly(inBody.toString(), inTitle.toString());
	}

	@Test
	void treatsHostileSearchInputAsData() throws SQLException {
		UUID author = PostFixtures.user();
		PostFixtures.post(author, "Quoted 'title'", "body", "PUBLISHED", Instant.now(), Instant.now());
		for (String hostile : List.of("'", "\"", "\"unterminated", "%", "_", "\\", "';--", "'); DROP TABLE posts; --",
				"!", "-", "or", "the", "a & b | !c", ":*", "<->")) {
			this.client.get()
				.uri(query(author, "search", hostile))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.data")
				.isArray();
		}
		assertThat(ids(get(query(author, "search", "'title'")))).hasSize(1);
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE author_id = ?", author)).isEqualTo(1);
	}

	@Test
	void pagesByOffsetWithPageMetadata() throws SQLException {
		UUID author = PostFixtures.user();
		List<UUID> posts = PostFixtures.posts(author, 7, "DRAFT", Instant.now());
		Map<String, Object> second = get("/api/posts?authorId=" + author + "&page=2&size=3");
		assertThat(ids(second)).containsExactly(posts.get(3).toString(), posts.get(4).toString(),
				posts.get(5).toString());
		assertThat(second).containsEntry("nextCursor", null)
			.containsEntry("page",
					Map.of("number", 2, "size", 3, "totalElements", 7, "totalPages", 3, "totalExact", true));
		Map<String, Object> beyond = get("/api/posts?authorId=" + author + "&page=9&size=3");
		assertThat(data(beyond)).isEmpty();
		assertThat(beyond).containsEntry("page",
				Map.of("number", 9, "size", 3, "totalElements", 7, "totalPages", 3, "totalExact", true));
		Map<String, Object> defaults = get("/api/posts?authorId=" + author + "&page=1");
		assertThat(defaults).containsEntry("page",
				Map.of("number", 1, "size", 20, "totalElements", 7, "totalPages", 1, "totalExact", true));
		Map<String, Object> none = get("/api/posts?authorId=" + UUID.randomUUID() + "&size=5");
		assertThat(none).containsEntry("page",
				Map.of("number", 1, "size", 5, "totalElements", 0, "totalPages", 0, "totalExact", true));
	}

	/**
	 * Offset paging's count stops past {@link PostService#COUNT_CAP} matches and says so
	 * (before issue #26 it counted every match).
	 */
	@Test
	void boundsTheOffsetCountAndReportsItAsALowerBound() throws SQLException {
		UUID author = PostFixtures.user();
		Sql.execute("""
				INSERT INTO posts (id, author_id, title, body, status, published_at, created_at, updated_at)
				SELECT gen_random_uuid(), ?, 'Many ' || g, '', 'PUBLISHED'::post_status, now(), now(), now()
				FROM generate_series(1, ?) g
				""", author, PostService.COUNT_CAP + 5);
		try {
			Map<String, Object> page = this.client.mutate()
				.defaultHeaders((headers) -> headers.remove(HttpHeaders.AUTHORIZATION))
				.build()
				.get()
				.uri("/api/posts?authorId=" + author + "&page=2&size=100")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.returnResult()
				.getResponseBody();
			assertThat(data(page)).hasSize(100);
			assertThat(page).containsEntry("page", Map.of("number", 2, "size", 100, "totalElements",
					PostService.COUNT_CAP, "totalPages", PostService.COUNT_CAP / 100, "totalExact", false));
		}
		finally {
			Sql.execute("DELETE FROM posts WHERE author_id = ?", author);
		}
	}

	@Test
	void capsPageSizesAt100() throws SQLException {
		UUID author = PostFixtures.user();
		PostFixtures.posts(author, 101, "DRAFT", Instant.now());
		Map<String, Object> limited = get("/api/posts?authorId=" + author + "&limit=5000");
		assertThat(data(limited)).hasSize(100);
		assertThat(limited.get("nextCursor")).isNotNull();
		Map<String, Object> sized = get("/api/posts?authorId=" + author + "&size=5000");
		assertThat(data(sized)).hasSize(100);
		assertThat(sized).containsEntry("page",
				Map.of("number", 1, "size", 100, "totalElements", 101, "totalPages", 2, "totalExact", true));
	}

	@Test
	void rejectsBadPagingParametersWith400() {
		expectInvalid("/api/posts?page=1&limit=5", "page");
		expectInvalid("/api/posts?size=5&cursor=abc", "page");
		expectInvalid("/api/posts?page=0", "page");
		expectInvalid("/api/posts?page=10001", "page");
		expectInvalid("/api/posts?size=abc", "size");
		expectInvalid("/api/posts?limit=0", "limit");
		expectInvalid("/api/posts?limit=-3", "limit");
		expectInvalid("/api/posts?cursor=%27%3B--", "cursor");
		expectInvalid("/api/posts?cursor=" + "A".repeat(3000), "cursor");
	}

	@Test
	void rejectsACursorOfAnotherSortOrTamperedValues() throws SQLException {
		UUID author = PostFixtures.user();
		PostFixtures.posts(author, 3, "PUBLISHED", Instant.now());
		String cursor = (String) get("/api/posts?authorId=" + author + "&limit=1").get("nextCursor");
		assertThat(cursor).isNotNull();
		expectInvalid("/api/posts?authorId=" + author + "&limit=1&sort=title&cursor=" + cursor, "cursor");
		String forged = io.inkwell.db.Cursor.encode(List.of("-createdAt", "tnot-a-time", UUID.randomUUID().toString()));
		expectInvalid("/api/posts?cursor=" + forged, "cursor");
		String nullOnNotNull = io.inkwell.db.Cursor.encode(List.of("-createdAt", "-", UUID.randomUUID().toString()));
		expectInvalid("/api/posts?cursor=" + nullOnNotNull, "cursor");
	}

	@Test
	void rejectsSortsOutsideTheWhitelistWith400() {
		expectInvalid("/api/posts?sort=id;DROP%20TABLE%20posts", "sort");
		expectInvalid("/api/posts?sort=body", "sort");
		expectInvalid("/api/posts?sort=-PublishedAt", "sort");
		expectInvalid("/api/posts?sort=relevance", "sort");
	}

	@Test
	void rejectsMalformedFiltersWith400() {
		expectInvalid("/api/posts?status=published", "status");
		expectInvalid("/api/posts?authorId=42", "authorId");
		expectInvalid("/api/posts?categoryId=x", "categoryId");
		expectInvalid("/api/posts?publishedFrom=yesterday", "publishedFrom");
		expectInvalid("/api/posts?publishedTo=2024-13-01T00:00:00Z", "publishedTo");
		expectInvalid("/api/posts?publishedFrom=2024-01-01", "publishedFrom");
		expectInvalid("/api/posts?q=" + "x".repeat(201), "q");
		// a substring search needs a trigram: shorter than 3 characters is refused
		expectInvalid("/api/posts?q=ab", "q");
		expectInvalid("/api/posts?q=%25", "q");
		expectInvalid("/api/posts?search=" + "x".repeat(201), "search");
		expectInvalid("/api/posts?q=%00", "q");
	}

	@Test
	void writesOnlyTheRequestedFields() throws SQLException {
		UUID author = PostFixtures.user();
		PostFixtures.post(author, "Sparse", "the body", "DRAFT", null, Instant.now());
		assertThat(data(get("/api/posts?authorId=" + author + "&fields=id,body,publishedAt")).get(0))
			.containsOnlyKeys("id", "body", "publishedAt")
			.containsEntry("body", "the body")
			.containsEntry("publishedAt", null);
		assertThat(data(get("/api/posts?authorId=" + author + "&fields=title&include=commentCount")).get(0))
			.containsOnlyKeys("title", "commentCount");
	}

	@Test
	void rejectsUnknownFieldsAndIncludesWith400() {
		expectInvalid("/api/posts?fields=id,secret", "fields");
		expectInvalid("/api/posts?fields=author", "fields");
		expectInvalid("/api/posts?fields=id,,title", "fields");
		expectInvalid("/api/posts?include=author,comments", "include");
		expectInvalid("/api/posts?include=", null);
	}

	@Test
	void writesANullAuthorForASoftDeletedAuthor() throws SQLException {
		UUID author = PostFixtures.user();
		PostFixtures.post(author, "Orphaned", "", "PUBLISHED", Instant.now(), Instant.now());
		PostFixtures.softDeleteUser(author);
		assertThat(data(get("/api/posts?authorId=" + author + "&include=author")).get(0)).containsEntry("author", null)
			.containsEntry("authorId", author.toString());
	}

	private void expectInvalid(String uri, String field) {
		if (field == null) {
			// an empty parameter counts as absent
			this.client.get().uri(encoded(uri)).exchange().expectStatus().isOk();
			return;
		}
		// already encoded: %00 must reach the server as a NUL
		expectProblem(this.client.get().uri(encoded(uri)).exchange(), 400, "invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

	/**
	 * Sends {@code uri} as it is: it is already encoded and must not be encoded again.
	 */
	private static java.util.function.Function<org.springframework.web.util.UriBuilder, java.net.URI> encoded(
			String uri) {
		return (base) -> java.net.URI.create(base.build().toString() + uri);
	}

	private static String query(UUID author, String name, String value) {
		return UriComponentsBuilder.fromPath("/api/posts")
			.queryParam("authorId", author)
			.queryParam(name, "{value}")
			.encode()
			.buildAndExpand(value)
			.toUriString();
	}

	private Map<String, Object> get(String uri) {
		return this.client.get()
			.uri(encoded(uri))
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> data(Map<String, Object> page) {
		return (List<Map<String, Object>>) page.get("data");
	}

	private static List<String> ids(Map<String, Object> page) {
		return data(page).stream().map((post) -> (String) post.get("id")).toList();
	}

}
