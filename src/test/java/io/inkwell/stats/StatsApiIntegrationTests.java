package io.inkwell.stats;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Other tests publish posts into the same database, so these assert on differences they
 * cause (posts per day) or on authors with more posts than any other test writes
 * (ranking).
 */
@IntegrationTest
class StatsApiIntegrationTests {

	private static final ParameterizedTypeReference<List<Map<String, Object>>> ROWS = //
			new ParameterizedTypeReference<>() {
			};

	@Autowired
	WebTestClient client;

	@Test
	void listsEveryDayOfTheWindowOldestFirstEndingTodayInUtc() {
		LocalDate before = LocalDate.now(ZoneOffset.UTC);
		List<Map<String, Object>> days = get("/api/stats/posts-per-day?days=30");
		LocalDate after = LocalDate.now(ZoneOffset.UTC);
		assertThat(days).hasSize(30);
		assertThat(days).allSatisfy((day) -> {
			assertThat(day).containsOnlyKeys("day", "count");
			assertThat(((Number) day.get("count")).longValue()).isNotNegative();
		});
		LocalDate last = LocalDate.parse((String) days.get(29).get("day"));
		assertThat(last).isBetween(before, after);
		for (int i = 0; i < days.size(); i++) {
			// consecutive: days without posts are present with a zero count
			assertThat(days.get(i).get("day")).isEqualTo(last.minusDays(29 - i).toString());
		}
	}

	@Test
	void defaultsToThirtyDaysAndCapsTheWindowAt365() {
		assertThat(get("/api/stats/posts-per-day")).hasSize(30);
		assertThat(get("/api/stats/posts-per-day?days=1")).hasSize(1);
		assertThat(get("/api/stats/posts-per-day?days=365")).hasSize(365);
		assertThat(get("/api/stats/posts-per-day?days=100000")).hasSize(365);
	}

	@Test
	void countsOnlyLivePublishedPostsByTheirUtcPublicationDay() throws SQLException {
		LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
		Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
		UUID author = StatsFixtures.author("Per-day author");
		try {
			Map<String, Long> before = counts(7);
			StatsFixtures.post(author, "PUBLISHED", midnight, false);
			StatsFixtures.post(author, "PUBLISHED", midnight.plusSeconds(86_399).plusMillis(999), false);
			StatsFixtures.post(author, "PUBLISHED", midnight.minusMillis(1), false);
			// none of these counts: not published, no longer published, deleted
			StatsFixtures.post(author, "DRAFT", null, false);
			StatsFixtures.post(author, "ARCHIVED", midnight.plusSeconds(3600), false);
			StatsFixtures.post(author, "PUBLISHED", midnight.plusSeconds(7200), true);
			Map<String, Long> after = counts(7);
			assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
			for (String date : after.keySet()) {
				long expected = date.equals(day.toString()) ? 2 : date.equals(day.minusDays(1).toString()) ? 1 : 0;
				assertThat(after.get(date) - before.get(date)).as("new posts on %s", date).isEqualTo(expected);
			}
			StatsFixtures.post(author, "PUBLISHED", midnight.plusSeconds(43_200), false);
			assertThat(counts(7).get(day.toString())).isEqualTo(after.get(day.toString()) + 1);
		}
		finally {
			StatsFixtures.deletePostsOf(author);
		}
	}

	@Test
	void rejectsABadWindowWith400() {
		expectProblem("/api/stats/posts-per-day?days=0", "days");
		expectProblem("/api/stats/posts-per-day?days=-3", "days");
		expectProblem("/api/stats/posts-per-day?days=abc", "days");
		expectProblem("/api/stats/posts-per-day?days=1.5", "days");
	}

	@Test
	void ranksLiveAuthorsByTheirLivePublishedPosts() throws SQLException {
		// far more posts than any other test publishes, dated long ago so that per-day
		// stats ignore them
		Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
		UUID first = StatsFixtures.author("Most prolific");
		UUID second = StatsFixtures.author("Second");
		UUID third = StatsFixtures.author("Third");
		UUID gone = StatsFixtures.author("Deleted author");
		try {
			StatsFixtures.publishedPosts(first, 2003, longAgo);
			StatsFixtures.publishedPosts(second, 2002, longAgo);
			StatsFixtures.publishedPosts(third, 2001, longAgo);
			StatsFixtures.publishedPosts(gone, 2004, longAgo);
			StatsFixtures.softDeleteUser(gone);
			// drafts, archived and deleted posts do not count: without this rule 'third'
			// would lead
			for (int i = 0; i < 3; i++) {
				StatsFixtures.post(third, "DRAFT", null, false);
				StatsFixtures.post(third, "ARCHIVED", longAgo, false);
				StatsFixtures.post(third, "PUBLISHED", longAgo, true);
			}
			List<Map<String, Object>> ranking = get("/api/stats/top-authors?limit=100");
			assertThat(ranking).allSatisfy((row) -> assertThat(row).containsOnlyKeys("authorId", "name", "posts"));
			assertThat(ranking.stream().map((row) -> ((Number) row.get("posts")).longValue()).toList())
				.isSortedAccordingTo((a, b) -> Long.compare(b, a));
			List<Map<String, Object>> ours = ranking.stream()
				.filter((row) -> List.of(first.toString(), second.toString(), third.toString(), gone.toString())
					.contains((String) row.get("authorId")))
				.toList();
			assertThat(ours).containsExactly(row(first, "Most prolific", 2003), row(second, "Second", 2002),
					row(third, "Third", 2001));
		}
		finally {
			StatsFixtures.deletePostsOf(first, second, third, gone);
		}
	}

	@Test
	void limitsTheRankingAndCapsItAt100() throws SQLException {
		UUID author = StatsFixtures.author("Limited");
		try {
			StatsFixtures.publishedPosts(author, 3, Instant.parse("2001-01-01T00:00:00Z"));
			assertThat(get("/api/stats/top-authors?limit=1")).hasSize(1);
			assertThat(get("/api/stats/top-authors")).hasSizeBetween(1, 10);
			assertThat(get("/api/stats/top-authors?limit=100000")).hasSizeBetween(1, 100);
			expectProblem("/api/stats/top-authors?limit=0", "limit");
			expectProblem("/api/stats/top-authors?limit=ten", "limit");
		}
		finally {
			StatsFixtures.deletePostsOf(author);
		}
	}

	private static Map<String, Object> row(UUID author, String name, int posts) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("authorId", author.toString());
		row.put("name", name);
		row.put("posts", posts);
		return row;
	}

	private Map<String, Long> counts(int days) {
		Map<String, Long> counts = new LinkedHashMap<>();
		get("/api/stats/posts-per-day?days=" + days)
			.forEach((row) -> counts.put((String) row.get("day"), ((Number) row.get("count")).longValue()));
		return counts;
	}

	private List<Map<String, Object>> get(String uri) {
		return this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(ROWS)
			.returnResult()
			.getResponseBody();
	}

	private void expectProblem(String uri, String field) {
		this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_REQUEST)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

}
