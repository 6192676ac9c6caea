package io.inkwell.security;

import java.util.List;

import static io.inkwell.security.Access.ADMIN;
import static io.inkwell.security.Access.AUTHENTICATED;
import static io.inkwell.security.Access.PUBLIC;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * The route table: every route of the API with who may call it, in one place. A new route
 * needs a row here (patterns exactly as its router writes them); until it has one,
 * callers get 401/403 and the authorisation tests fail. Rows are matched in order, first
 * match wins, so a fixed path comes before a pattern that would also match it.
 * <p>
 * {@link Access#AUTHENTICATED} rows are owner-checked in the feature's service: the
 * account's own user, the post's or comment's author, or an ADMIN (see the comments).
 */
public final class AccessRules {

	/** The table, in matching order. */
	public static final List<AccessRule> TABLE = List.of(
			// the busiest routes first: rows are tried in order on every request
			AccessRule.of(GET, "/api/users/{id}", PUBLIC), AccessRule.of(GET, "/api/posts", PUBLIC),
			AccessRule.of(POST, "/api/users", ADMIN),

			// authentication
			AccessRule.of(POST, "/api/auth/register", PUBLIC), AccessRule.of(POST, "/api/auth/login", PUBLIC),
			AccessRule.of(GET, "/api/auth/me", AUTHENTICATED),
			AccessRule.of(POST, "/api/auth/logout-all", AUTHENTICATED), // the caller's
																		// own
																		// tokens

			// users: public profiles; management is ADMIN; a user changes their own
			// account
			AccessRule.of(GET, "/api/users/{id}/profile", PUBLIC), AccessRule.of(POST, "/api/users/bulk", ADMIN),
			AccessRule.of(PUT, "/api/users/by-email/{email}", ADMIN), AccessRule.of(GET, "/api/users", ADMIN),
			AccessRule.of(POST, "/api/users/{id}/restore", ADMIN),
			AccessRule.of(POST, "/api/users/{id}/revoke-tokens", ADMIN),
			AccessRule.of(DELETE, "/api/admin/users/{id}", ADMIN),
			AccessRule.of(PATCH, "/api/users/{id}", AUTHENTICATED), // self or ADMIN; a
																	// role change ADMIN
			AccessRule.of(DELETE, "/api/users/{id}", AUTHENTICATED), // self or ADMIN
			AccessRule.of(PUT, "/api/users/{id}/profile", AUTHENTICATED), // self or ADMIN
			AccessRule.of(PATCH, "/api/users/{id}/profile", AUTHENTICATED), // self or
																			// ADMIN
			AccessRule.of(POST, "/api/users/{authorId}/posts/publish-drafts", AUTHENTICATED), // self
																								// or
																								// ADMIN

			// posts: published and archived posts are public, drafts only to their author
			// and ADMINs
			AccessRule.of(GET, "/api/posts/{id}", PUBLIC), AccessRule.of(POST, "/api/posts", AUTHENTICATED), // authorId
																												// =
																												// caller,
																												// or
																												// ADMIN
			AccessRule.of(DELETE, "/api/posts", ADMIN), // bulk soft delete
			AccessRule.of(DELETE, "/api/admin/posts/{id}", ADMIN), // hard delete, audited
			AccessRule.of(PATCH, "/api/posts/{id}", AUTHENTICATED), // author or ADMIN;
																	// MODERATOR may
																	// archive
			AccessRule.of(DELETE, "/api/posts/{id}", AUTHENTICATED), // author or ADMIN
			AccessRule.of(POST, "/api/posts/{id}/restore", AUTHENTICATED), // author or
																			// ADMIN
			AccessRule.of(POST, "/api/posts/{id}/publish", AUTHENTICATED), // author or
																			// ADMIN
			AccessRule.of(POST, "/api/posts/{id}/categories", AUTHENTICATED), // author or
																				// ADMIN
			AccessRule.of(PUT, "/api/posts/{id}/categories", AUTHENTICATED), // author or
																				// ADMIN
			AccessRule.of(DELETE, "/api/posts/{id}/categories/{categoryId}", AUTHENTICATED), // author
																								// or
																								// ADMIN

			// comments: readable with their post; written by their author
			AccessRule.of(GET, "/api/posts/{postId}/comments", PUBLIC),
			AccessRule.of(GET, "/api/comments/{id}", PUBLIC),
			AccessRule.of(POST, "/api/posts/{postId}/comments", AUTHENTICATED), // authorId
																				// =
																				// caller,
																				// or
																				// ADMIN
			AccessRule.of(PATCH, "/api/comments/{id}", AUTHENTICATED), // author or ADMIN
			AccessRule.of(DELETE, "/api/comments/{id}", AUTHENTICATED), // author,
																		// MODERATOR or
																		// ADMIN

			// categories: public list, ADMIN curates (a delete is a hard delete, audited)
			AccessRule.of(GET, "/api/categories", PUBLIC), AccessRule.of(GET, "/api/categories/{id}", PUBLIC),
			AccessRule.of(POST, "/api/categories", ADMIN), AccessRule.of(PATCH, "/api/categories/{id}", ADMIN),
			AccessRule.of(DELETE, "/api/categories/{id}", ADMIN),

			// operations: probes and metrics are public (see docs/security.md: keep the
			// port private or
			// put the metrics behind the ingress); every other actuator endpoint is not
			// exposed
			AccessRule.of(GET, "/actuator/health", PUBLIC), AccessRule.of(GET, "/actuator/health/**", PUBLIC),
			AccessRule.of(GET, "/actuator/prometheus", PUBLIC),

			// transfers: the sender moves its own credits; a transfer is read by its
			// parties
			AccessRule.of(POST, "/api/transfers", AUTHENTICATED), // fromUserId = caller,
																	// or ADMIN
			AccessRule.of(GET, "/api/transfers/{id}", AUTHENTICATED), // sender, recipient
																		// or ADMIN
			AccessRule.of(GET, "/api/users/{id}/transfers", AUTHENTICATED), // self or
																			// ADMIN
			AccessRule.of(POST, "/api/users/{id}/credits", ADMIN), // grants, in the
																	// ledger

			// statistics and the export: public (the export gives non-moderators
			// published posts only)
			AccessRule.of(GET, "/api/stats/posts-per-day", PUBLIC),
			AccessRule.of(GET, "/api/stats/top-authors", PUBLIC), AccessRule.of(GET, "/api/posts/export", PUBLIC), // other
																													// statuses:
																													// MODERATOR
																													// or
																													// ADMIN

			// operations dashboard: the page and its files are public, its data is ADMIN
			// only
			AccessRule.of(GET, "/ops", PUBLIC), AccessRule.of(GET, "/ops/", PUBLIC),
			AccessRule.of(GET, "/ops/dashboard.js", PUBLIC), AccessRule.of(GET, "/ops/dashboard.css", PUBLIC),
			AccessRule.of(GET, "/api/ops", ADMIN), AccessRule.of(GET, "/api/ops/pool", ADMIN),
			AccessRule.of(GET, "/api/ops/migrations", ADMIN), AccessRule.of(GET, "/api/ops/queries", ADMIN),
			AccessRule.of(GET, "/api/ops/slow-queries", ADMIN), AccessRule.of(GET, "/api/ops/indexes", ADMIN),
			AccessRule.of(GET, "/api/ops/storage", ADMIN), AccessRule.of(GET, "/api/ops/config", ADMIN),
			AccessRule.of(GET, "/api/ops/seed", ADMIN), AccessRule.of(GET, "/api/ops/backup", ADMIN),
			AccessRule.of(GET, "/api/ops/tables", ADMIN), AccessRule.of(GET, "/api/ops/tables/{name}", ADMIN),

			// API documentation
			AccessRule.of(GET, "/openapi.yaml", PUBLIC), AccessRule.of(GET, "/v3/api-docs", PUBLIC),
			AccessRule.of(GET, "/docs", PUBLIC), AccessRule.of(GET, "/docs/{asset}", PUBLIC),
			AccessRule.of(GET, "/docs/**", PUBLIC), AccessRule.of(GET, "/v3/api-docs/**", PUBLIC),
			AccessRule.of(GET, "/webjars/**", PUBLIC));

	private AccessRules() {
	}

}
