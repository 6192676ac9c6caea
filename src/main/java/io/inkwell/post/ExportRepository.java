package io.inkwell.post;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.r2dbc.spi.Readable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The streaming read of {@code posts} behind the export: a cursor in the caller's
 * transaction, read a chunk at a time.
 */
@Repository
class ExportRepository {

	/**
	 * Rows per {@code FETCH}. The next chunk is fetched when this one has been taken
	 * downstream, so a slow client slows the reading down instead of filling memory.
	 */
	static final int FETCH_SIZE = 250;

	/**
	 * Closed with the transaction that declares it; one export per transaction.
	 */
	private static final String CURSOR = "inkwell_export";

	// ids are UUIDv7: id order is creation order, read from the primary key; %s takes the
	// filters
	private static final String DECLARE_LIVE_POSTS = """
			/* ExportRepository.declareLive */ DECLARE %s NO SCROLL CURSOR FOR
			SELECT id, title, status::text AS status, published_at, author_id, created_at
			FROM posts
			WHERE deleted_at IS NULL%s
			ORDER BY id
			""";

	private static final String FETCH_LIVE_POSTS = """
			/* ExportRepository.fetchLive */ FETCH FORWARD %d FROM %s
			""".formatted(FETCH_SIZE, CURSOR);

	// the cursor stays open while the client reads, and statement_timeout would count
	// that whole time if the export were one statement; per FETCH it could cut off a
	// selective export whose next matching rows are far apart: the export is bounded by
	// inkwell.export.idle-timeout instead
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
	 * Live posts matching the filters ({@code null} = any), in id order; drafts only
	 * {@code withDrafts}. Must run inside a transaction (the cursor's lifetime). Each
	 * {@code FETCH} is read whole, its rows asked for before it is sent; a statement
	 * streamed to a slower reader (a fetch size) can stall for good in r2dbc-postgresql
	 * 1.1.3 when the reader's demand arrives on another thread just as the driver buffers
	 * a row (docs/decisions/0012).
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
		Mono<Void> declare = this.db.sql(DECLARE_LIVE_POSTS.formatted(CURSOR, filters)).bindValues(values).then();
		// a short chunk is the last; the next FETCH starts once the previous chunk has
		// been handed on
		Flux<List<ExportedPost>> chunks = fetchChunk().repeat().takeUntil((chunk) -> chunk.size() < FETCH_SIZE);
		return declare.thenMany(chunks).concatMapIterable(Function.identity(), 1);
	}

	/**
	 * The next chunk of the cursor, read whole by a subscriber that asks for every row
	 * before the FETCH is sent (collectList would ask only once the chunk is wanted,
	 * possibly from another thread while the rows arrive: the race above).
	 */
	private Mono<List<ExportedPost>> fetchChunk() {
		return Mono.create((sink) -> {
			List<ExportedPost> chunk = new ArrayList<>(FETCH_SIZE);
			Disposable fetch = this.db.sql(FETCH_LIVE_POSTS)
				.map(ExportRepository::toPost)
				.all()
				// the export's transaction (and its cursor) is found in the context
				.contextWrite(sink.contextView())
				.subscribe(chunk::add, sink::error, () -> sink.success(chunk));
			sink.onCancel(fetch);
		});
	}

	private static ExportedPost toPost(Readable row) {
		return new ExportedPost(row.get("id", UUID.class), row.get("title", String.class),
				row.get("status", String.class), row.get("published_at", Instant.class),
				row.get("author_id", UUID.class), row.get("created_at", Instant.class));
	}

}
