package io.inkwell.post;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.security.Actor;
import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Streams posts out of the database. An export holds one pooled connection (and one
 * snapshot) for as long as its client takes to read it, so at most half of the pool
 * serves exports at once; the other half keeps answering the rest of the API. Over the
 * limit the client gets a 503 with Retry-After. A client that reads nothing for
 * {@code inkwell.export.idle-timeout} is cut off: when it stops reading, the server's
 * write stalls and asks for no further rows, so no row arrives for that long.
 */
@Service
class ExportService {

	private static final Logger log = LoggerFactory.getLogger(ExportService.class);

	private final ExportRepository posts;

	private final int maxConcurrentExports;

	private final Duration idleTimeout;

	private final AtomicInteger running = new AtomicInteger();

	private final TransactionalOperator transactional;

	ExportService(ExportRepository posts, DatabaseUrl database, ExportProperties properties,
			TransactionalOperator transactional) {
		this.posts = posts;
		this.transactional = transactional;
		this.maxConcurrentExports = Math.max(1, database.connectionLimit() / 2);
		this.idleTimeout = properties.idleTimeout();
	}

	/** Exports running at most at once. */
	int maxConcurrentExports() {
		return this.maxConcurrentExports;
	}

	/**
	 * Live posts matching the filters ({@code null} = any), in creation order; each
	 * caller exports what they may read one by one. ADMINs export every status;
	 * MODERATORs every status but drafts (their own drafts too, with {@code authorId}
	 * their own id): without a status filter they get the others, with {@code DRAFT} a
	 * 403; anyone else exports published posts only: without a status filter they get the
	 * published ones, with another status a 403.
	 */
	Flux<ExportedPost> export(Actor actor, PostStatus requested, UUID authorId) {
		if (!actor.isModerator() && requested != null && requested != PostStatus.PUBLISHED) {
			// thrown, not a Flux error: the handler must refuse before it starts the 200
			// response
			throw Actor.forbidden("export posts that are not published");
		}
		boolean withDrafts = actor.isAdmin() || (authorId != null && actor.is(authorId));
		if (requested == PostStatus.DRAFT && !withDrafts) {
			throw Actor.forbidden("export other users' drafts");
		}
		PostStatus status = actor.isModerator() ? requested : PostStatus.PUBLISHED;
		return Flux.defer(() -> {
			if (this.running.incrementAndGet() > this.maxConcurrentExports) {
				this.running.decrementAndGet();
				return Flux.error(
						new ProblemException(ProblemType.UNAVAILABLE, "too many exports are running; retry shortly"));
			}
			// in a transaction of its own, which holds the cursor and its snapshot;
			// statement_timeout is lifted there and the idle timeout bounds the export
			// instead. The slot is given back however the stream ends: completed,
			// failed or cancelled
			return this.posts.withoutStatementTimeout()
				.thenMany(this.posts.streamLive(status, authorId, withDrafts))
				.as(this.transactional::transactional)
				// rolls the transaction back (the cursor, connection and snapshot go
				// back)
				// and fails the response, which closes the client's connection
				.timeout(this.idleTimeout)
				.doOnError(TimeoutException.class,
						(ex) -> log.info("Export cut off: its client read nothing for {}", this.idleTimeout))
				.doFinally((signal) -> this.running.decrementAndGet());
		});
	}

}
