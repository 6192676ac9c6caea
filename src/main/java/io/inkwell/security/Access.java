package io.inkwell.security;

/**
 * Who may call a route at all. Ownership (a user's own posts, comments and account) is
 * decided by the feature's service on top of {@link #AUTHENTICATED}.
 */
public enum Access {

	/** Anyone, with or without a token (an invalid token is still a 401). */
	PUBLIC,

	/** Any valid token; the service then checks ownership where there is any. */
	AUTHENTICATED,

	/** A MODERATOR or ADMIN token. */
	MODERATOR,

	/** An ADMIN token. */
	ADMIN

}
