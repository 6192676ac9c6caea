package io.inkwell.stats;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** Aggregates over published posts; read-only, one statement per answer. */
@Service
class StatsService {

	static final int DEFAULT_DAYS = 30;

	/** Longest posts-per-day window; longer requests are capped to it. */
	static final int MAX_DAYS = 365;

	static final int DEFAULT_LIMIT = 10;

	/** Most authors in the ranking; larger requests are capped to it. */
	static final int MAX_LIMIT = 100;

	private final StatsRepository stats;

	StatsService(StatsRepository stats) {
		this.stats = stats;
	}

	// Authorisation goes here once security exists (e.g. stats for MODERATOR and ADMIN
	// only).
	/**
	 * The last {@code days} UTC days, today included, oldest first, with zero days
	 * present.
	 */
	Mono<List<DayCount>> postsPerDay(int days) {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		return this.stats.postsPerDay(today.minusDays(days - 1L), days).collectList();
	}

	/** Authors with the most live published posts, most first. */
	Mono<List<TopAuthor>> topAuthors(int limit) {
		return this.stats.topAuthors(limit).collectList();
	}

}
