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
		PostShape shape = PostShape.parse("title, id", "commentCount,author,categories", PostShape.LIST_FIELDS);
		AuthorSummary author = new AuthorSummary(this.draft.authorId(), "a@example.com", "A");
		CategorySummary category = new CategorySummary(UUID.randomUUID(), "News");
		Map<String, Object> json = shape.write(new PostView(this.draft, author, List.of(category), 3L));
		assertThat(json.keySet()).containsExactly("id", "title", "author", "categories", "commentCount");
		assertThat(json).containsEntry("author", author).containsEntry("commentCount", 3L);
		assertThat(shape.needsBody()).isFalse();
	}

	@Test
	void writesEmptyRelationsForPostsWithoutAny() {
		PostShape shape = PostShape.parse("id", "categories,commentCount", PostShape.LIST_FIELDS);
		assertThat(shape.write(PostView.of(this.draft))).containsEntry("categories", List.of())
			.containsEntry("commentCount", 0L);
	}

	@Test
	void selectsTheBodyOnlyWhenAskedFor() {
		assertThat(PostShape.parse(null, null, PostShape.LIST_FIELDS).needsBody()).isFalse();
		assertThat(PostShape.parse("id,body", null, PostShape.LIST_FIELDS).needsBody()).isTrue();
		assertThat(PostShape.parse(null, null, PostShape.SINGLE_FIELDS).needsBody()).isTrue();
	}

	@Test
	void rejectsUnknownAndEmptyNames() {
		assertRejected("id,secret", null, "fields");
		assertRejected("author", null, "fields");
		assertRejected("id,", null, "fields");
		assertRejected(null, "comments", "include");
		assertRejected(null, "author,,categories", "include");
		assertRejected(null, "Author", "include");
	}

	private static void assertRejected(String fields, String include, String parameter) {
		assertThatThrownBy(() -> PostShape.parse(fields, include, PostShape.LIST_FIELDS))
			.isInstanceOfSatisfying(ProblemException.class, (ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(400);
				assertThat(ex.getBody().getDetail()).startsWith(parameter + ":");
			});
	}

}
