package io.inkwell.security;

import java.util.UUID;

/**
 * What a login checks: a live user's id, role, token version and password hash (null when
 * none was ever set).
 */
record Credentials(UUID id, Role role, int tokenVersion, String passwordHash) {

	/** Never prints the hash. */
	@Override
	public String toString() {
		return "Credentials[id=" + this.id + ", role=" + this.role + ", tokenVersion=" + this.tokenVersion
				+ ", passwordHash=<hidden>]";
	}

}
