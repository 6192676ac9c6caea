package io.inkwell.stats;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Read-only aggregate SQL over {@code posts} and {@code users} for the stats feature. */
@Repository
class StatsRepository {

	// Days without posts come from the series as zeros. An integer series added to a date
	// stays a
	// date (a series of timestamps would follow the session time zone and its DST days).
	// The range
	// on published_at is half-open, UTC midnight to UTC midnight:
	// posts_status_published_at_idx.
	private static final String POSTS_PER_DAY = """
			/* StatsRepository.postsPerDay */ SELECT CAST(:first AS date) + offs AS day, COALESCE(c.posts, 0) AS posts
			FROM generate_series(0, :days - 1) AS offs
			LEFT JOIN (
			  SELECT CAST(published_at AT TIME ZONE 'UTC' AS date) AS day, count(*) AS posts
			  FROM posts
			  WHERE status = 'PUBLISHED' AND deleted_at IS NULL
			    AND published_at >= :start AND published_at < :end
			  GROUP BY 1
			) c ON c.day = CAST(:first AS date) + offs
			ORDER BY offs
			""";

	// ties are broken by id so that the answer is stable between calls
	private static final String TOP_AUTHORS = """
			/* StatsRepository.topAuthors */ SELECT u.id AS author_id, u.name, c.posts
			FROM (
			  SELECT author_id, count(*) AS posts
			  FROM posts
			  WHERE status = 'PUBLISHED' AND deleted_at IS NULL
			  GROUP BY author_id
			) c
			JOIN users u ON u.id = c.author_id
			WHERE u.deleted_at IS NULL
			ORDER BY c.posts DESC, u.id
			LIMIT :limit
			""";

	private final DatabaseClient db;

	StatsRepository(DatabaseClient db) {
		this.db = db;
	}

	/** One row per UTC day from {@code first}, {@code days} days long, in date order. */
	Flux<DayCount> postsPerDay(LocalDate first, int days) {
		return this.db.sql(POSTS_PER_DAY)
			.bind("first", first)
			.bind("days", days)
			.bind("start", first.atStartOfDay(ZoneOffset.UTC).toInstant())
			.bind("end", first.plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant())
			.map(StatsRepository::toDayCount)
			.all();
	}

	Flux<TopAuthor> topAuthors(int limit) {
		return this.db.sql(TOP_AUTHORS).bind("limit", limit).map(StatsRepository::toTopAuthor).all();
	}

	private static DayCount toDayCount(Readable row) {
		return new DayCount(row.get("day", LocalDate.class), row.get("posts", Long.class));
	}

	private static TopAuthor toTopAuthor(Readable row) {
		return new TopAuthor(row.get("author_id", UUID.class), row.get("name", String.class),
				row.get("posts", Long.class));
	}

}
