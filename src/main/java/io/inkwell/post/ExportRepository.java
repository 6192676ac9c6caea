package io.inkwell.post;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The streaming read of {@code posts} behind the export. */
@Repository
class ExportRepository {

	/**
	 * Rows per round trip. With a fetch size r2dbc-postgresql executes the statement as a
	 * portal and asks for the next rows only when these are consumed, so a slow client
	 * slows the query down instead of filling memory; without one the server sends every
	 * row at once.
	 */
	static final int FETCH_SIZE = 250;

	// ids are UUIDv7: id order is creation order, read from the primary key; %s takes the
	// filters
	private static final String LIVE_POSTS = """
			/* ExportRepository.streamLive */ SELECT id, title, status::text AS status, published_at, author_id, created_at
			FROM posts
			WHERE deleted_at IS NULL%s
			ORDER BY id
			""";

	// the portal stays open while the client reads, and statement_timeout counts that
	// whole time: the export is bounded by inkwell.export.idle-timeout instead
	private static final String WITHOUT_STATEMENT_TIMEOUT = """
			/* ExportRepository.withoutStatementTimeout */ SET LOCAL statement_timeout = 0
			""";

	private static final String STATUS_FILTER = " AND status = CAST(:status AS post_status)";

	private static final String AUTHOR_FILTER = " AND author_id = :authorId";

	private static final String NO_DRAFTS_FILTER = " AND status <> 'DRAFT'";

	private final DatabaseClient db;

	ExportRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Lifts {@code statement_timeout} for the rest of the current transaction (the
	 * export's).
	 */
	Mono<Void> withoutStatementTimeout() {
		return this.db.sql(WITHOUT_STATEMENT_TIMEOUT).then();
	}

	/**
	 * Live posts matching the filters ({@code null} = any), in id order, fetched in
	 * chunks on demand; drafts only {@code withDrafts}.
	 */
	Flux<ExportedPost> streamLive(PostStatus status, UUID authorId, boolean withDrafts) {
		StringBuilder filters = new StringBuilder();
		if (!withDrafts) {
			filters.append(NO_DRAFTS_FILTER);
		}
		Map<String, Object> values = new LinkedHashMap<>();
		if (status != null) {
			filters.append(STATUS_FILTER);
			values.put("status", status.name());
		}
		if (authorId != null) {
			filters.append(AUTHOR_FILTER);
			values.put("authorId", authorId);
		}
		return this.db.sql(LIVE_POSTS.formatted(filters))
			.bindValues(values)
			// the statement itself, not fetchSize's return value: a proxy (statement
			// listeners) stays in place
			.filter((statement) -> {
				statement.fetchSize(FETCH_SIZE);
				return statement;
			})
			.map(ExportRepository::toPost)
			.all();
	}

	private static ExportedPost toPost(Readable row) {
		return new ExportedPost(row.get("id", UUID.class), row.get("title", String.class),
				row.get("status", String.class), row.get("published_at", Instant.class),
				row.get("author_id", UUID.class), row.get("created_at", Instant.class));
	}

}
