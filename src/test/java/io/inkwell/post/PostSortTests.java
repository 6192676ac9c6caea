package io.inkwell.post;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostSortTests {

	@Test
	void buildsNullAwareKeysetConditions() {
		// never-published rows count as newer than every timestamp, as PostgreSQL orders
		// NULLs
		assertThat(PostSort.PUBLISHED_AT_DESC.after(true))
			.isEqualTo("((p.published_at IS NULL AND p.id < :afterId) OR p.published_at IS NOT NULL)");
		assertThat(PostSort.PUBLISHED_AT_DESC.after(false))
			.isEqualTo("(p.published_at, p.id) < (CAST(:afterValue AS timestamptz), :afterId)");
		assertThat(PostSort.PUBLISHED_AT_ASC.after(true)).isEqualTo("(p.published_at IS NULL AND p.id > :afterId)");
		assertThat(PostSort.PUBLISHED_AT_ASC.after(false)).isEqualTo(
				"((p.published_at, p.id) > (CAST(:afterValue AS timestamptz), :afterId) OR p.published_at IS NULL)");
		assertThat(PostSort.TITLE_ASC.orderBy()).isEqualTo("p.title, p.id");
		assertThat(PostSort.CREATED_AT_DESC.orderBy()).isEqualTo("p.created_at DESC, p.id DESC");
	}

}
