package io.inkwell.db;

import java.time.Duration;

import reactor.util.context.ContextView;

/**
 * Told about every SQL statement the application runs, after it finished (or failed, or
 * was cancelled): its SQL text, how long it ran and the Reactor context of the caller
 * (which holds the request id). Beans of this type are called by
 * {@link ObservedConnectionFactory}, which sits under the pool, so they see every
 * statement on every connection. Called on the driver's event loop: implementations must
 * be quick and must not block.
 */
@FunctionalInterface
public interface StatementListener {

	void afterStatement(ExecutedStatement statement);

	/**
	 * One finished statement. {@code sql} is the text as the repository wrote it (with
	 * its naming comment); the bound parameter values are deliberately not part of it.
	 */
	record ExecutedStatement(String sql, Duration duration, ContextView context) {
	}

}
