package io.inkwell.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inkwell.db.Cursor;
import io.inkwell.db.Ids;
import io.inkwell.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SortKeyTests {

	private final UUID id = Ids.next();

	@Test
	void roundTripsTimestampsToTheMicrosecond() {
		Instant at = Instant.parse("2025-06-01T10:15:30.123456Z");
		assertThat(roundTrip(PostSort.CREATED_AT_DESC, at))
			.isEqualTo(new SortKey(PostSort.CREATED_AT_DESC, at, this.id));
	}

	@Test
	void roundTripsTitlesHoldingTheSeparatorAndEscapes() {
		for (String title : List.of("a | b", "100%", "%7C literally", "%25%", "Ünïcödé 𝄞", "||")) {
			assertThat(roundTrip(PostSort.TITLE_ASC, title).value()).isEqualTo(title);
		}
	}

	@Test
	void roundTripsNeverPublishedPostsAndRanks() {
		assertThat(roundTrip(PostSort.PUBLISHED_AT_DESC, null).value()).isNull();
		assertThat(roundTrip(PostSort.RELEVANCE, 0.0607927f).value()).isEqualTo(0.0607927f);
	}

	@Test
	void keepsTheLongestPossibleTitleWithinTheCursorLimit() {
		String worst = "𝄞".repeat(150) + "|".repeat(150);
		String cursor = new SortKey(PostSort.TITLE_DESC, worst, this.id).encode();
		assertThat(cursor.length()).isLessThanOrEqualTo(Cursor.MAX_LENGTH);
		assertThat(SortKey.decode(cursor, PostSort.TITLE_DESC).value()).isEqualTo(worst);
	}

	@Test
	void rejectsACursorIssuedForAnotherSort() {
		String cursor = new SortKey(PostSort.CREATED_AT_DESC, Instant.now(), this.id).encode();
		assertInvalid(cursor, PostSort.CREATED_AT_ASC, "another sort order");
	}

	@Test
	void rejectsTamperedCursors() {
		String uuid = this.id.toString();
		assertInvalid("not base64 !", PostSort.CREATED_AT_DESC, "not a cursor");
		assertInvalid(Cursor.encode(List.of("-createdAt", "t2025-01-01T00:00:00Z")), PostSort.CREATED_AT_DESC,
				"not a cursor");
		assertInvalid(Cursor.encode(List.of("-createdAt", "tyesterday", uuid)), PostSort.CREATED_AT_DESC,
				"not a cursor");
		assertInvalid(Cursor.encode(List.of("-createdAt", "stext", uuid)), PostSort.CREATED_AT_DESC, "not a cursor");
		assertInvalid(Cursor.encode(List.of("-createdAt", "-", uuid)), PostSort.CREATED_AT_DESC, "not a cursor");
		assertInvalid(Cursor.encode(List.of("-createdAt", "", uuid)), PostSort.CREATED_AT_DESC, "not a cursor");
		assertInvalid(Cursor.encode(List.of("title", "s50%zz", uuid)), PostSort.TITLE_ASC, "not a cursor");
		assertInvalid(Cursor.encode(List.of("relevance", "rNaN", uuid)), PostSort.RELEVANCE, "not a cursor");
		assertInvalid(Cursor.encode(List.of("relevance", "r1e", uuid)), PostSort.RELEVANCE, "not a cursor");
		assertInvalid(Cursor.encode(List.of("-createdAt", "t2025-01-01T00:00:00Z", "1-1-1-1-1")),
				PostSort.CREATED_AT_DESC, "not a cursor");
	}

	private SortKey roundTrip(PostSort sort, Object value) {
		return SortKey.decode(new SortKey(sort, value, this.id).encode(), sort);
	}

	private static void assertInvalid(String cursor, PostSort sort, String message) {
		assertThatThrownBy(() -> SortKey.decode(cursor, sort)).isInstanceOfSatisfying(ProblemException.class, (ex) -> {
			assertThat(ex.getStatusCode().value()).isEqualTo(400);
			assertThat(ex.getBody().getDetail()).startsWith("cursor:").contains(message);
		});
	}

}
