package io.inkwell.security;

/**
 * What the database says about a token's user now: the role, whether the account is live,
 * and the token version (tokens issued under an older one are revoked).
 *
 * @param role the current role
 * @param live false when the user is soft-deleted or does not exist
 * @param tokenVersion the version current tokens must carry
 */
record AccountState(Role role, boolean live, int tokenVersion) {

	/** A user that does not exist (hard-deleted, or never did). */
	static final AccountState GONE = new AccountState(null, false, -1);

}
