package io.inkwell.dashboard;

import java.util.List;

/**
 * Configuration checks, each with its own state; no secret or password is ever part of
 * it.
 *
 * @param databaseUrl {@code DATABASE_URL} with the password masked
 * @param serverVersion the PostgreSQL server's version
 * @param checks one entry per rule
 */
record ConfigCard(CardState state, String reason, String databaseUrl, String serverVersion,
		List<ConfigCheck> checks) implements Card {

	/**
	 * One rule: {@code name} is stable ({@code jwtSecret}, {@code connections},
	 * {@code pgbouncer}, {@code tls}).
	 */
	record ConfigCheck(String name, CardState state, String reason) {
	}

}
