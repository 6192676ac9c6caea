package io.inkwell.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Signs bearer tokens (HS256 JWTs through Spring Security's {@link JwtEncoder}): issuer
 * {@value #ISSUER}, subject the user id, claim {@value #ROLE_CLAIM} the role at login,
 * claim {@value #VERSION_CLAIM} the user's token version, and an expiry. Requests are
 * authorised with the account's current role and refused once the token version has moved
 * on ({@link AccountStates}).
 */
@Component
public class TokenIssuer {

	/** The {@code iss} of every token; tokens of any other issuer are refused. */
	public static final String ISSUER = "inkwell";

	/** The claim that carries the role. */
	public static final String ROLE_CLAIM = "role";

	/**
	 * The claim that carries the user's token version; absent in tokens of version 0.
	 */
	public static final String VERSION_CLAIM = "ver";

	private final JwtEncoder encoder;

	private final Duration lifetime;

	TokenIssuer(JwtEncoder encoder, SecurityProperties properties) {
		this.encoder = encoder;
		this.lifetime = properties.tokenLifetime();
	}

	/**
	 * A token for a user whose tokens were never revoked (token version 0), valid from
	 * now for the configured lifetime.
	 */
	public IssuedToken issue(UUID userId, Role role) {
		return issue(userId, role, 0);
	}

	/**
	 * A token for the user at token version {@code tokenVersion}, valid from now for the
	 * configured lifetime.
	 */
	public IssuedToken issue(UUID userId, Role role, int tokenVersion) {
		return issue(userId, role, tokenVersion, Instant.now(), this.lifetime);
	}

	/**
	 * A token of version 0 issued at {@code issuedAt}, valid for {@code lifetime} (tests
	 * mint expired ones with it).
	 */
	public IssuedToken issue(UUID userId, Role role, Instant issuedAt, Duration lifetime) {
		return issue(userId, role, 0, issuedAt, lifetime);
	}

	private IssuedToken issue(UUID userId, Role role, int tokenVersion, Instant issuedAt, Duration lifetime) {
		Instant issued = issuedAt.truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = issued.plus(lifetime);
		JwtClaimsSet.Builder builder = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(userId.toString())
			.claim(ROLE_CLAIM, role.name())
			.issuedAt(issued)
			.expiresAt(expiresAt);
		if (tokenVersion != 0) {
			builder.claim(VERSION_CLAIM, tokenVersion);
		}
		JwtClaimsSet claims = builder.build();
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedToken(token, expiresAt);
	}

	/** The token version a verified token carries (0 when it has none). */
	static int versionOf(Jwt jwt) {
		Object version = jwt.getClaims().get(VERSION_CLAIM);
		return (version instanceof Number number) ? number.intValue() : 0;
	}

}
