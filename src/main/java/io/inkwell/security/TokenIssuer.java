package io.inkwell.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Signs bearer tokens (HS256 JWTs through Spring Security's {@link JwtEncoder}): issuer
 * {@value #ISSUER}, subject the user id, claim {@value #ROLE_CLAIM} the role, and an
 * expiry. The role is the one the user had at login; a changed role takes effect with the
 * next login.
 */
@Component
public class TokenIssuer {

	/** The {@code iss} of every token; tokens of any other issuer are refused. */
	public static final String ISSUER = "inkwell";

	/** The claim that carries the role. */
	public static final String ROLE_CLAIM = "role";

	private final JwtEncoder encoder;

	private final Duration lifetime;

	TokenIssuer(JwtEncoder encoder, SecurityProperties properties) {
		this.encoder = encoder;
		this.lifetime = properties.tokenLifetime();
	}

	/** A token for the user, valid from now for the configured lifetime. */
	public IssuedToken issue(UUID userId, Role role) {
		return issue(userId, role, Instant.now(), this.lifetime);
	}

	/**
	 * A token issued at {@code issuedAt}, valid for {@code lifetime} (tests mint expired
	 * ones with it).
	 */
	public IssuedToken issue(UUID userId, Role role, Instant issuedAt, Duration lifetime) {
		Instant issued = issuedAt.truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = issued.plus(lifetime);
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(userId.toString())
			.claim(ROLE_CLAIM, role.name())
			.issuedAt(issued)
			.expiresAt(expiresAt)
			.build();
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedToken(token, expiresAt);
	}

}
