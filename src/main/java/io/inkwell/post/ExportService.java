package io.inkwell.post;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.security.Actor;
import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemType;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Service;

/**
 * Streams posts out of the database. An export holds one pooled connection for as long as
 * its client takes to read it, so at most half of the pool serves exports at once; the
 * other half keeps answering the rest of the API. Over the limit the client gets a 503
 * with Retry-After.
 */
@Service
class ExportService {

	private final ExportRepository posts;

	private final int maxConcurrentExports;

	private final AtomicInteger running = new AtomicInteger();

	ExportService(ExportRepository posts, DatabaseUrl database) {
		this.posts = posts;
		this.maxConcurrentExports = Math.max(1, database.connectionLimit() / 2);
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
			// the slot is given back however the stream ends: completed, failed or
			// cancelled
			return this.posts.streamLive(status, authorId, withDrafts)
				.doFinally((signal) -> this.running.decrementAndGet());
		});
	}

}
