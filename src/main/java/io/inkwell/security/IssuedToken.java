package io.inkwell.security;

import java.time.Instant;

/** A signed bearer token and the instant it stops being accepted. */
public record IssuedToken(String token, Instant expiresAt) {

	/** Never prints the token. */
	@Override
	public String toString() {
		return "IssuedToken[token=<hidden>, expiresAt=" + this.expiresAt + "]";
	}

}
