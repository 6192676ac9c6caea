package io.inkwell.security;

import java.time.Instant;

/**
 * Answer of {@code POST /api/auth/login}: {@code Authorization: Bearer <token>} until
 * {@code expiresAt}.
 */
record TokenResponse(String token, String tokenType, Instant expiresAt) {

	static TokenResponse of(IssuedToken issued) {
		return new TokenResponse(issued.token(), "Bearer", issued.expiresAt());
	}

	/** Never prints the token (the JSON encoder logs written bodies at DEBUG). */
	@Override
	public String toString() {
		return "TokenResponse[token=<hidden>, tokenType=" + this.tokenType + ", expiresAt=" + this.expiresAt + "]";
	}

}
