package io.inkwell.post;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

import static io.inkwell.post.PostFixtures.categoryIdsOf;
import static io.inkwell.post.PostFixtures.postCount;
import static io.inkwell.post.PostFixtures.row;
import static io.inkwell.post.PostFixtures.unique;
import static io.inkwell.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The write routes of posts and of their category links, and reading one post. */
@IntegrationTest
class PostApiIntegrationTests {

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

	// create

	@Test
	void createsPostWithCategoriesAndCountsItInANewProfileReturning201() throws SQLException {
		UUID author = PostFixtures.user();
		UUID engineering = PostFixtures.category(unique("Engineering"));
		UUID databases = PostFixtures.category(unique("Databases"));
		Map<String, Object> body = post(Map.of("authorId", author, "title", "  First post  ", "body", "Hello",
				"categoryIds", List.of(engineering, databases, engineering)))
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/api/posts/[0-9a-f-]{36}")
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsOnlyKeys("id", "title", "body", "status", "publishedAt", "authorId", "createdAt",
				"updatedAt");
		assertThat(body).containsEntry("title", "First post")
			.containsEntry("body", "Hello")
			.containsEntry("status", "DRAFT")
			.containsEntry("publishedAt", null)
			.containsEntry("authorId", author.toString());
		UUID id = UUID.fromString((String) body.get("id"));
		assertThat(id.version()).isEqualTo(7);
		assertThat(Sql.string("SELECT title FROM posts WHERE id = ?", id)).isEqualTo("First post");
		assertThat(categoryIdsOf(id)).containsExactlyInAnyOrder(engineering.toString(), databases.toString());
		assertThat(postCount(author)).isEqualTo(1);
		createPost(author, "Second post");
		assertThat(postCount(author)).isEqualTo(2);
	}

	@Test
	void createsPublishedPostWithPublicationTime() throws SQLException {
		UUID author = PostFixtures.userWithProfile(4);
		Instant before = Instant.now().minusSeconds(5);
		Map<String, Object> body = post(Map.of("authorId", author, "title", "Live", "status", "PUBLISHED"))
			.expectStatus()
			.isCreated()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("status", "PUBLISHED").containsEntry("body", "");
		assertThat(Instant.parse((String) body.get("publishedAt"))).isAfter(before);
		assertThat(postCount(author)).isEqualTo(5);
	}

	@Test
	void rejectsUnknownAuthorWith422NamingTheFieldAndWritesNothing() throws SQLException {
		String title = unique("orphan");
		UUID category = PostFixtures.category(unique("Orphaned"));
		UUID nobody = UUID.randomUUID();
		expectProblem(post(Map.of("authorId", nobody, "title", title, "categoryIds", List.of(category))), 422,
				"unknown-reference")
			.jsonPath("$.errors[0].field")
			.isEqualTo("authorId");
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE title = ?", title)).isZero();
		assertThat(Sql.count("SELECT count(*) FROM post_categories WHERE category_id = ?", category)).isZero();
		assertThat(Sql.count("SELECT count(*) FROM profiles WHERE user_id = ?", nobody)).isZero();
	}

	@Test
	void rejectsSoftDeletedAuthorWith422AndLeavesTheCounterAlone() throws SQLException {
		UUID author = PostFixtures.userWithProfile(3);
		PostFixtures.softDeleteUser(author);
		String title = unique("ghost");
		expectProblem(post(Map.of("authorId", author, "title", title)), 422, "unknown-reference")
			.jsonPath("$.errors[0].field")
			.isEqualTo("authorId");
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE title = ?", title)).isZero();
		assertThat(postCount(author)).isEqualTo(3);
	}

	@Test
	void rejectsUnknownCategoryWith422AndRollsBackPostAndCounter() throws SQLException {
		UUID author = PostFixtures.userWithProfile(5);
		UUID known = PostFixtures.category(unique("Known"));
		String title = unique("half-linked");
		expectProblem(
				post(Map.of("authorId", author, "title", title, "categoryIds", List.of(known, UUID.randomUUID()))), 422,
				"unknown-reference")
			.jsonPath("$.errors[0].field")
			.isEqualTo("categoryIds");
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE title = ?", title)).isZero();
		assertThat(Sql.count("SELECT count(*) FROM post_categories WHERE category_id = ?", known)).isZero();
		assertThat(postCount(author)).isEqualTo(5);
	}

	@Test
	void rejectsUnknownCategoryWithoutCreatingTheProfile() throws SQLException {
		UUID author = PostFixtures.user();
		expectProblem(post(
				Map.of("authorId", author, "title", unique("no-profile"), "categoryIds", List.of(UUID.randomUUID()))),
				422, "unknown-reference");
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE author_id = ?", author)).isZero();
		assertThat(postCount(author)).isNull();
	}

	@Test
	void rejectsInvalidFieldsWith400ListingEachAndWritesNothing() throws SQLException {
		UUID author = PostFixtures.userWithProfile(0);
		Map<String, Object> body = new HashMap<>();
		body.put("title", " ");
		body.put("body", "x".repeat(100_001));
		body.put("categoryIds", java.util.Arrays.asList(UUID.randomUUID(), null));
		expectProblem(post(body), 400, "validation").jsonPath("$.errors[*].field")
			.value((List<String> fields) -> assertThat(fields).containsExactlyInAnyOrder("title", "body",
					"categoryIds[1].<list element>"));
		Map<String, Object> longTitle = Map.of("authorId", author, "title", "t".repeat(301));
		expectProblem(post(longTitle), 400, "validation").jsonPath("$.errors[0].field").isEqualTo("title");
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE author_id = ?", author)).isZero();
		assertThat(postCount(author)).isZero();
	}

	@Test
	void rejectsMalformedBodiesWith400() throws SQLException {
		UUID author = PostFixtures.userWithProfile(0);
		expectProblem(post("{\"authorId\": \"not-a-uuid\", \"title\": \"x\"}"), 400, "malformed-body");
		expectProblem(post(Map.of("authorId", author, "title", "x", "status", "SECRET")), 400, "malformed-body");
		expectProblem(post("{\"authorId\": "), 400, "malformed-body");
		expectProblem(this.client.post().uri("/api/posts").contentType(MediaType.APPLICATION_JSON).exchange(), 400,
				"malformed-body");
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE author_id = ?", author)).isZero();
	}

	// read one

	@Test
	void getsPostWithEveryField() throws SQLException {
		UUID author = PostFixtures.user();
		UUID id = createPost(author, "Readable");
		this.client.get()
			.uri("/api/posts/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(JSON)
			.value((body) -> assertThat(body)
				.containsOnlyKeys("id", "title", "body", "status", "publishedAt", "authorId", "createdAt", "updatedAt")
				.containsEntry("id", id.toString())
				.containsEntry("title", "Readable")
				.containsEntry("publishedAt", null));
	}

	@Test
	void getsPostWithIncludedRelationsAndSparseFields() throws SQLException {
		UUID author = PostFixtures.user();
		UUID id = createPost(author, "Shaped");
		UUID zeta = PostFixtures.category("Zeta " + UUID.randomUUID());
		UUID alpha = PostFixtures.category("Alpha " + UUID.randomUUID());
		PostFixtures.link(id, zeta);
		PostFixtures.link(id, alpha);
		PostFixtures.comment(id, author, false);
		PostFixtures.comment(id, author, false);
		PostFixtures.comment(id, author, true);
		this.statements.reset();
		Map<String, Object> body = this.client.get()
			.uri("/api/posts/{id}?fields=id,title&include=author,categories,commentCount", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsOnlyKeys("id", "title", "author", "categories", "commentCount");
		// no e-mail: it is personal data
		assertThat(body.get("author")).isEqualTo(
				Map.of("id", author.toString(), "name", Sql.string("SELECT name FROM users WHERE id = ?", author)));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> categories = (List<Map<String, Object>>) body.get("categories");
		assertThat(categories).extracting((category) -> category.get("id"))
			.containsExactly(alpha.toString(), zeta.toString());
		assertThat(body).containsEntry("commentCount", 2);
		// the post with its author (joined), then categories, then comment counts
		assertThat(this.statements.count()).isEqualTo(3);
	}

	@Test
	void answers404ForUnknownOrSoftDeletedPostAnd400ForMalformedId() throws SQLException {
		UUID id = createPost(PostFixtures.user(), "Soon gone");
		Sql.execute("UPDATE posts SET deleted_at = now() WHERE id = ?", id);
		expectProblem(this.client.get().uri("/api/posts/{id}", id).exchange(), 404, "not-found");
		expectProblem(this.client.get().uri("/api/posts/{id}", UUID.randomUUID()).exchange(), 404, "not-found");
		expectProblem(this.client.get().uri("/api/posts/not-a-uuid").exchange(), 400, "invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
	}

	@Test
	void rejectsUnknownFieldsAndIncludesOnOnePost() throws SQLException {
		UUID id = createPost(PostFixtures.user(), "Strict");
		expectProblem(this.client.get().uri("/api/posts/{id}?fields=id,password", id).exchange(), 400,
				"invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo("fields");
		expectProblem(this.client.get().uri("/api/posts/{id}?include=comments", id).exchange(), 400,
				"invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo("include");
	}

	// update

	@Test
	void updatesPresentFieldsAndSetsPublishedAtOnlyOnFirstPublication() throws SQLException {
		UUID id = createPost(PostFixtures.user(), "Draft title");
		Map<String, Object> published = patch(id, Map.of("title", "Final title", "status", "PUBLISHED")).expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat(published).containsEntry("title", "Final title")
			.containsEntry("body", "")
			.containsEntry("status", "PUBLISHED");
		String firstPublication = (String) published.get("publishedAt");
		assertThat(firstPublication).isNotNull();
		patch(id, Map.of("status", "DRAFT")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DRAFT")
			.jsonPath("$.publishedAt")
			.isEqualTo(firstPublication);
		patch(id, Map.of("status", "PUBLISHED", "body", "Now with a body")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.publishedAt")
			.isEqualTo(firstPublication)
			.jsonPath("$.body")
			.isEqualTo("Now with a body")
			.jsonPath("$.title")
			.isEqualTo("Final title");
		assertThat(Sql.string("SELECT status::text FROM posts WHERE id = ?", id)).isEqualTo("PUBLISHED");
	}

	@Test
	void rejectsInvalidPatchWith400AndChangesNothing() throws SQLException {
		UUID id = createPost(PostFixtures.user(), "Unchanged");
		String before = row(id);
		expectProblem(patch(id, Map.of("title", "   ")), 400, "validation").jsonPath("$.errors[0].field")
			.isEqualTo("title");
		expectProblem(patch(id, Map.of("title", "x".repeat(301))), 400, "validation");
		expectProblem(patch(id, Map.of("status", "GONE")), 400, "malformed-body");
		expectProblem(patch(id, Map.of("title", "\u0000")), 400, "invalid-value");
		assertThat(row(id)).isEqualTo(before);
	}

	@Test
	void answers404ForPatchOfUnknownOrSoftDeletedPost() throws SQLException {
		UUID id = createPost(PostFixtures.user(), "Deleted before patch");
		Sql.execute("UPDATE posts SET deleted_at = now() WHERE id = ?", id);
		String before = row(id);
		expectProblem(patch(id, Map.of("title", "Resurrected")), 404, "not-found");
		expectProblem(patch(UUID.randomUUID(), Map.of("title", "Nobody")), 404, "not-found");
		assertThat(row(id)).isEqualTo(before);
	}

	// delete and restore

	@Test
	void softDeletesUncountingThePostAndRestoreCountsItAgain() throws SQLException {
		UUID author = PostFixtures.user();
		UUID id = createPost(author, "Round trip");
		assertThat(postCount(author)).isEqualTo(1);
		this.client.delete().uri("/api/posts/{id}", id).exchange().expectStatus().isNoContent();
		assertThat(Sql.string("SELECT deleted_at IS NOT NULL FROM posts WHERE id = ?", id)).isEqualTo("t");
		assertThat(postCount(author)).isZero();
		expectProblem(this.client.get().uri("/api/posts/{id}", id).exchange(), 404, "not-found");
		this.client.get()
			.uri("/api/posts?authorId={author}", author)
			.exchange()
			.expectBody()
			.jsonPath("$.data.length()")
			.isEqualTo(0);
		this.client.post()
			.uri("/api/posts/{id}/restore", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id.toString())
			.jsonPath("$.title")
			.isEqualTo("Round trip");
		assertThat(postCount(author)).isEqualTo(1);
		// restoring a live post changes nothing
		this.client.post().uri("/api/posts/{id}/restore", id).exchange().expectStatus().isOk();
		assertThat(postCount(author)).isEqualTo(1);
		this.client.get().uri("/api/posts/{id}", id).exchange().expectStatus().isOk();
	}

	@Test
	void answers404ForDeletingUnknownOrDeletedPostWithTheCounterUnchanged() throws SQLException {
		UUID author = PostFixtures.user();
		UUID id = createPost(author, "Delete twice");
		this.client.delete().uri("/api/posts/{id}", id).exchange().expectStatus().isNoContent();
		expectProblem(this.client.delete().uri("/api/posts/{id}", id).exchange(), 404, "not-found");
		expectProblem(this.client.delete().uri("/api/posts/{id}", UUID.randomUUID()).exchange(), 404, "not-found");
		expectProblem(this.client.delete().uri("/api/posts/nope").exchange(), 400, "invalid-parameter");
		assertThat(postCount(author)).isZero();
	}

	@Test
	void answers404ForRestoringUnknownPost() {
		expectProblem(this.client.post().uri("/api/posts/{id}/restore", UUID.randomUUID()).exchange(), 404,
				"not-found");
	}

	// publish

	@Test
	void publishesADraftAndKeepsTheFirstPublicationTime() throws SQLException {
		UUID id = createPost(PostFixtures.user(), "To publish");
		String publishedAt = this.client.post()
			.uri("/api/posts/{id}/publish", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody()
			.get("publishedAt")
			.toString();
		String updatedAt = Sql.string("SELECT updated_at FROM posts WHERE id = ?", id);
		this.client.post()
			.uri("/api/posts/{id}/publish", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("PUBLISHED")
			.jsonPath("$.publishedAt")
			.isEqualTo(publishedAt);
		assertThat(Sql.string("SELECT updated_at FROM posts WHERE id = ?", id)).isEqualTo(updatedAt);
	}

	@Test
	void answers404ForPublishingUnknownPost() {
		expectProblem(this.client.post().uri("/api/posts/{id}/publish", UUID.randomUUID()).exchange(), 404,
				"not-found");
	}

	@Test
	void publishesEveryLiveDraftOfTheAuthorInOneStatement() throws SQLException {
		UUID author = PostFixtures.user();
		UUID other = PostFixtures.user();
		Instant now = Instant.now();
		List<UUID> drafts = PostFixtures.posts(author, 3, "DRAFT", now);
		UUID archived = PostFixtures.post(author, "Archived", "", "ARCHIVED", null, now);
		UUID deletedDraft = PostFixtures.post(author, "Deleted draft", "", "DRAFT", null, now);
		Sql.execute("UPDATE posts SET deleted_at = now() WHERE id = ?", deletedDraft);
		UUID othersDraft = PostFixtures.post(other, "Not mine", "", "DRAFT", null, now);
		this.statements.reset();
		this.client.post()
			.uri("/api/users/{author}/posts/publish-drafts", author)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.count")
			.isEqualTo(3);
		assertThat(this.statements.count()).isEqualTo(1);
		for (UUID draft : drafts) {
			assertThat(Sql.string("SELECT status::text || (published_at IS NOT NULL) FROM posts WHERE id = ?", draft))
				.isEqualTo("PUBLISHEDtrue");
		}
		assertThat(Sql.string("SELECT status::text FROM posts WHERE id = ?", archived)).isEqualTo("ARCHIVED");
		assertThat(Sql.string("SELECT status::text FROM posts WHERE id = ?", deletedDraft)).isEqualTo("DRAFT");
		assertThat(Sql.string("SELECT status::text FROM posts WHERE id = ?", othersDraft)).isEqualTo("DRAFT");
		this.client.post()
			.uri("/api/users/{author}/posts/publish-drafts", author)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.count")
			.isEqualTo(0);
	}

	@Test
	void answers404ForPublishingDraftsOfUnknownOrDeletedAuthor() throws SQLException {
		UUID author = PostFixtures.user();
		UUID draft = PostFixtures.post(author, "Stays a draft", "", "DRAFT", null, Instant.now());
		PostFixtures.softDeleteUser(author);
		expectProblem(this.client.post().uri("/api/users/{author}/posts/publish-drafts", author).exchange(), 404,
				"not-found");
		expectProblem(this.client.post().uri("/api/users/{x}/posts/publish-drafts", UUID.randomUUID()).exchange(), 404,
				"not-found");
		expectProblem(this.client.post().uri("/api/users/x/posts/publish-drafts").exchange(), 400, "invalid-parameter");
		assertThat(Sql.string("SELECT status::text FROM posts WHERE id = ?", draft)).isEqualTo("DRAFT");
	}

	// bulk delete

	@Test
	void softDeletesOldPostsOfAStatusInOneStatementKeepingCountersConsistent() throws SQLException {
		// older than any other test's data, so the shared database loses only these rows
		Instant ancient = Instant.now().minus(20_000, ChronoUnit.DAYS);
		UUID author = PostFixtures.userWithProfile(4);
		UUID other = PostFixtures.userWithProfile(1);
		UUID oldDraft1 = PostFixtures.post(author, "Old draft 1", "", "DRAFT", null, ancient);
		UUID oldDraft2 = PostFixtures.post(author, "Old draft 2", "", "DRAFT", null, ancient.plusSeconds(1));
		UUID othersOldDraft = PostFixtures.post(other, "Old draft 3", "", "DRAFT", null, ancient);
		UUID newDraft = PostFixtures.post(author, "New draft", "", "DRAFT", null, Instant.now());
		UUID oldPublished = PostFixtures.post(author, "Old published", "", "PUBLISHED", ancient, ancient);
		this.statements.reset();
		this.client.delete()
			.uri("/api/posts?status=DRAFT&olderThanDays=19000")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.count")
			.isEqualTo(3);
		// the delete, and one statement for its audit entries (one per post), in one
		// transaction
		assertThat(this.statements.count()).isEqualTo(2);
		for (UUID deleted : List.of(oldDraft1, oldDraft2, othersOldDraft)) {
			assertThat(Sql.string("SELECT deleted_at IS NOT NULL FROM posts WHERE id = ?", deleted)).isEqualTo("t");
			assertThat(Sql.count("SELECT count(*) FROM audit_log WHERE action = 'post.bulk-delete' AND target_id = ?",
					deleted))
				.isEqualTo(1);
		}
		for (UUID kept : List.of(newDraft, oldPublished)) {
			assertThat(Sql.string("SELECT deleted_at IS NULL FROM posts WHERE id = ?", kept)).isEqualTo("t");
		}
		assertThat(postCount(author)).isEqualTo(2);
		assertThat(postCount(other)).isZero();
	}

	@Test
	void rejectsBulkDeleteWithoutValidStatusAndAgeWith400() throws SQLException {
		// old enough for every rejected request to have deleted it, young enough for the
		// accepted one above
		Instant twoDaysAgo = Instant.now().minus(2, ChronoUnit.DAYS);
		UUID draft = PostFixtures.post(PostFixtures.user(), "Survivor", "", "DRAFT", null, twoDaysAgo);
		expectProblem(this.client.delete().uri("/api/posts").exchange(), 400, "invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo("status");
		expectProblem(this.client.delete().uri("/api/posts?status=DRAFT").exchange(), 400, "invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo("olderThanDays");
		expectProblem(this.client.delete().uri("/api/posts?olderThanDays=1").exchange(), 400, "invalid-parameter");
		expectProblem(this.client.delete().uri("/api/posts?status=draft&olderThanDays=1").exchange(), 400,
				"invalid-parameter");
		expectProblem(this.client.delete().uri("/api/posts?status=DRAFT&olderThanDays=-1").exchange(), 400,
				"invalid-parameter");
		expectProblem(this.client.delete().uri("/api/posts?status=DRAFT&olderThanDays=ten").exchange(), 400,
				"invalid-parameter");
		expectProblem(this.client.delete().uri("/api/posts?status=DRAFT&olderThanDays=36501").exchange(), 400,
				"invalid-parameter");
		assertThat(Sql.string("SELECT deleted_at IS NULL FROM posts WHERE id = ?", draft)).isEqualTo("t");
	}

	// categories

	@Test
	void connectsCategoriesIdempotently() throws SQLException {
		UUID id = createPost(PostFixtures.user(), "Connected");
		UUID b = PostFixtures.category("B " + UUID.randomUUID());
		UUID a = PostFixtures.category("A " + UUID.randomUUID());
		PostFixtures.link(id, b);
		for (int attempt = 0; attempt < 2; attempt++) {
			this.client.post()
				.uri("/api/posts/{id}/categories", id)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("categoryIds", List.of(a, b, a)))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.id")
				.isEqualTo(id.toString())
				.jsonPath("$.categories[*].id")
				.isEqualTo(List.of(a.toString(), b.toString()));
		}
		assertThat(categoryIdsOf(id)).containsExactlyInAnyOrder(a.toString(), b.toString());
	}

	@Test
	void rejectsConnectingUnknownCategoryWith422AndKeepsTheLinks() throws SQLException {
		UUID id = createPost(PostFixtures.user(), "Keeps links");
		UUID a = PostFixtures.category(unique("A"));
		UUID b = PostFixtures.category(unique("B"));
		PostFixtures.link(id, a);
		expectProblem(this.client.post()
			.uri("/api/posts/{id}/categories", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("categoryIds", List.of(b, UUID.randomUUID())))
			.exchange(), 422, "unknown-reference").jsonPath("$.errors[0].field").isEqualTo("categoryIds");
		assertThat(categoryIdsOf(id)).containsExactly(a.toString());
	}

	@Test
	void answers404And400ForConnectingToUnknownPostOrWithBadBody() throws SQLException {
		UUID category = PostFixtures.category(unique("Lonely"));
		expectProblem(this.client.post()
			.uri("/api/posts/{id}/categories", UUID.randomUUID())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("categoryIds", List.of(category)))
			.exchange(), 404, "not-found");
		UUID id = createPost(PostFixtures.user(), "Bad body");
		expectProblem(this.client.post()
			.uri("/api/posts/{id}/categories", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("categoryIds", "not-a-list"))
			.exchange(), 400, "malformed-body");
		expectProblem(this.client.put()
			.uri("/api/posts/{id}/categories", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of())
			.exchange(), 400, "validation").jsonPath("$.errors[0].field").isEqualTo("categoryIds");
		assertThat(Sql.count("SELECT count(*) FROM post_categories WHERE category_id = ?", category)).isZero();
		assertThat(categoryIdsOf(id)).isEmpty();
	}

	@Test
	void setsCategoriesReplacingAllOfThem() throws SQLException {
		UUID id = createPost(PostFixtures.user(), "Replaced");
		UUID a = PostFixtures.category(unique("A"));
		UUID b = PostFixtures.category(unique("B"));
		UUID c = PostFixtures.category(unique("C"));
		PostFixtures.link(id, a);
		PostFixtures.link(id, b);
		this.client.put()
			.uri("/api/posts/{id}/categories", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("categoryIds", List.of(b, c)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.categories.length()")
			.isEqualTo(2);
		assertThat(categoryIdsOf(id)).containsExactlyInAnyOrder(b.toString(), c.toString());
		this.client.put()
			.uri("/api/posts/{id}/categories", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("categoryIds", List.of()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.categories.length()")
			.isEqualTo(0);
		assertThat(categoryIdsOf(id)).isEmpty();
	}

	@Test
	void rollsBackTheUnlinkingWhenSettingAnUnknownCategory() throws SQLException {
		UUID id = createPost(PostFixtures.user(), "Atomic set");
		UUID a = PostFixtures.category(unique("A"));
		UUID b = PostFixtures.category(unique("B"));
		UUID c = PostFixtures.category(unique("C"));
		PostFixtures.link(id, a);
		PostFixtures.link(id, b);
		expectProblem(this.client.put()
			.uri("/api/posts/{id}/categories", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("categoryIds", List.of(c, UUID.randomUUID())))
			.exchange(), 422, "unknown-reference").jsonPath("$.errors[0].field").isEqualTo("categoryIds");
		assertThat(categoryIdsOf(id)).containsExactlyInAnyOrder(a.toString(), b.toString());
	}

	@Test
	void disconnectsACategoryIdempotently() throws SQLException {
		UUID id = createPost(PostFixtures.user(), "Disconnected");
		UUID a = PostFixtures.category(unique("A"));
		UUID b = PostFixtures.category(unique("B"));
		PostFixtures.link(id, a);
		PostFixtures.link(id, b);
		this.client.delete().uri("/api/posts/{id}/categories/{c}", id, a).exchange().expectStatus().isNoContent();
		assertThat(categoryIdsOf(id)).containsExactly(b.toString());
		this.client.delete().uri("/api/posts/{id}/categories/{c}", id, a).exchange().expectStatus().isNoContent();
		assertThat(categoryIdsOf(id)).containsExactly(b.toString());
	}

	@Test
	void answers404And400ForDisconnectingFromUnknownPostOrWithMalformedIds() throws SQLException {
		UUID id = createPost(PostFixtures.user(), "Disconnect errors");
		UUID a = PostFixtures.category(unique("A"));
		PostFixtures.link(id, a);
		expectProblem(this.client.delete().uri("/api/posts/{id}/categories/{c}", UUID.randomUUID(), a).exchange(), 404,
				"not-found");
		expectProblem(this.client.delete().uri("/api/posts/{id}/categories/not-a-uuid", id).exchange(), 400,
				"invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo("categoryId");
		Sql.execute("UPDATE posts SET deleted_at = now() WHERE id = ?", id);
		expectProblem(this.client.delete().uri("/api/posts/{id}/categories/{c}", id, a).exchange(), 404, "not-found");
		assertThat(categoryIdsOf(id)).containsExactly(a.toString());
	}

	private WebTestClient.ResponseSpec post(Object body) {
		return this.client.post().uri("/api/posts").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	private WebTestClient.ResponseSpec patch(UUID id, Object body) {
		return this.client.patch()
			.uri("/api/posts/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private UUID createPost(UUID author, String title) {
		Map<String, Object> body = post(Map.of("authorId", author, "title", title)).expectStatus()
			.isCreated()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		return UUID.fromString((String) body.get("id"));
	}

}
