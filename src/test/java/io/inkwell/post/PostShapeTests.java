package io.inkwell.post;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostShapeTests {

	private final Post draft = new Post(Ids.next(), Ids.next(), "Title", "Body", PostStatus.DRAFT, null,
			Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-02T00:00:00Z"));

	@Test
	void writesTheListDefaultsInTheDocumentedOrder() {
		Map<String, Object> json = PostShape.parse(null, null, PostShape.LIST_FIELDS).write(PostView.of(this.draft));
		assertThat(json.keySet()).containsExactly("id", "title", "status", "publishedAt", "authorId");
		assertThat(json).containsEntry("publishedAt", null);
	}

	@Test
	void writesOnlyRequestedFieldsAndIncludedRelations() {
		PostShape shape = PostShape.parse(List.of("title", "id"), List.of("commentCount", "author", "categories"),
				PostShape.LIST_FIELDS);
		AuthorSummary author = new AuthorSummary(this.draft.authorId(), "A");
		CategorySummary category = new CategorySummary(UUID.randomUUID(), "News");
		Map<String, Object> json = shape.write(new PostView(this.draft, author, List.of(category), 3L));
		assertThat(json.keySet()).containsExactly("id", "title", "author", "categories", "commentCount");
		assertThat(json).containsEntry("author", author).containsEntry("commentCount", 3L);
		assertThat(shape.needsBody()).isFalse();
	}

	@Test
	void writesEmptyRelationsForPostsWithoutAny() {
		PostShape shape = PostShape.parse(List.of("id"), List.of("categories", "commentCount"), PostShape.LIST_FIELDS);
		assertThat(shape.write(PostView.of(this.draft))).containsEntry("categories", List.of())
			.containsEntry("commentCount", 0L);
	}

	@Test
	void selectsTheBodyOnlyWhenAskedFor() {
		assertThat(PostShape.parse(null, null, PostShape.LIST_FIELDS).needsBody()).isFalse();
		assertThat(PostShape.parse(List.of("id", "body"), null, PostShape.LIST_FIELDS).needsBody()).isTrue();
		assertThat(PostShape.parse(null, null, PostShape.SINGLE_FIELDS).needsBody()).isTrue();
	}

	@Test
	void rejectsUnknownNames() {
		// empty entries are refused earlier, by RequestParameters.listQuery
		// (RequestParametersTests)
		assertRejected(List.of("id", "secret"), null, "fields");
		assertRejected(List.of("author"), null, "fields");
		assertRejected(null, List.of("comments"), "include");
		assertRejected(null, List.of("author", "Author"), "include");
	}

	private static void assertRejected(List<String> fields, List<String> include, String parameter) {
		assertThatThrownBy(() -> PostShape.parse(fields, include, PostShape.LIST_FIELDS))
			.isInstanceOfSatisfying(ProblemException.class, (ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(400);
				assertThat(ex.getBody().getDetail()).startsWith(parameter + ":");
			});
	}

}
