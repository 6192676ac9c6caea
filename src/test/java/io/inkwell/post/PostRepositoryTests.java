package io.inkwell.post;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostRepositoryTests {

	@Test
	void escapesLikeMetacharactersSoTheyMatchThemselves() {
		assertThat(PostRepository.likePattern("50%_off\\now")).isEqualTo("%50\\%\\_off\\\\now%");
		assertThat(PostRepository.likePattern("'; DROP TABLE posts; --")).isEqualTo("%'; DROP TABLE posts; --%");
	}

}
