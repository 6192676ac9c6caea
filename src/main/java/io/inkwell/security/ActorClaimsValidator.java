package io.inkwell.security;

import java.util.UUID;

import io.inkwell.db.Ids;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Accepts only tokens that say who and what the caller is, the way {@link TokenIssuer}
 * writes them: an expiry (the timestamp validator alone lets a token without {@code exp}
 * live forever), a UUID subject and a known role.
 */
final class ActorClaimsValidator implements OAuth2TokenValidator<Jwt> {

	private static final OAuth2TokenValidatorResult INVALID = OAuth2TokenValidatorResult
		.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "the token does not name a user and role", null));

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		return (jwt.getExpiresAt() != null && toActor(jwt) != null) ? OAuth2TokenValidatorResult.success() : INVALID;
	}

	/** The actor a token names, or null when its claims are not ours. */
	static Actor toActor(Jwt jwt) {
		UUID id = (jwt.getSubject() != null) ? Ids.parseOrNull(jwt.getSubject()) : null;
		Object role = jwt.getClaims().get(TokenIssuer.ROLE_CLAIM);
		if (id == null || !(role instanceof String name)) {
			return null;
		}
		for (Role candidate : Role.values()) {
			if (candidate.name().equals(name)) {
				return new Actor(id, candidate);
			}
		}
		return null;
	}

}
