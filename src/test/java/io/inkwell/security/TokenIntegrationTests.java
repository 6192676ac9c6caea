package io.inkwell.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a bearer token can be wrong gets the same 401 problem: missing, expired,
 * malformed, signed with another key, unsigned ({@code alg=none}), tampered with, or not
 * naming a user and role the way our tokens do. A refused token is refused on public
 * routes too.
 */
@IntegrationTest
class TokenIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	TokenIssuer issuer;

	@Autowired
	JwtEncoder encoder;

	private final UUID user = Tokens.createUser(Role.USER, "token");

	@Test
	void acceptsAValidToken() {
		me("Bearer " + this.issuer.issue(this.user, Role.USER).token()).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(this.user.toString());
	}

	@Test
	void issuesHs256TokensWhoseHeaderSaysNothingAboutTheKey() {
		String[] parts = this.issuer.issue(this.user, Role.USER).token().split("\\.");
		String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
		assertThat(header).contains("\"alg\":\"HS256\"", "\"kid\":\"" + SecurityConfig.KEY_ID + "\"");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		assertThat(payload).contains("\"iss\":\"inkwell\"", "\"sub\":\"" + this.user + "\"", "\"role\":\"USER\"",
				"\"exp\":");
	}

	@Test
	void refusesAMissingTokenWith401AndABearerChallenge() {
		expectUnauthorized(this.client.get().uri("/api/auth/me").exchange(), "Bearer").jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("needs a bearer token"));
	}

	@Test
	void refusesAnExpiredToken() {
		String expired = this.issuer
			.issue(this.user, Role.USER, Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(1))
			.token();
		expectRefused(expired);
	}

	@Test
	void refusesMalformedTokens() {
		expectRefused("not-a-jwt");
		expectRefused("a.b.c");
		expectRefused("eyJhbGciOiJIUzI1NiJ9.%%%.xyz");
		String valid = this.issuer.issue(this.user, Role.USER).token();
		expectRefused(valid.substring(0, valid.length() - 5));
		expectRefused(valid + ".extra");
	}

	@Test
	void refusesATokenSignedWithAnotherKey() {
		byte[] otherKey = "another-key-that-is-long-enough-for-hs256-0123456789".getBytes(StandardCharsets.UTF_8);
		JwtEncoder other = NimbusJwtEncoder.withSecretKey(new SecretKeySpec(otherKey, "HmacSHA256")).build();
		expectRefused(encode(other, claims(this.user.toString(), "USER", TokenIssuer.ISSUER)));
	}

	@Test
	void refusesAnUnsignedTokenWithAlgNone() {
		String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		String payload = base64("{\"iss\":\"inkwell\",\"sub\":\"" + this.user + "\",\"role\":\"ADMIN\",\"exp\":"
				+ Instant.now().plusSeconds(3600).getEpochSecond() + "}");
		expectRefused(header + "." + payload + ".");
		expectRefused(header + "." + payload);
	}

	@Test
	void refusesATokenWhosePayloadWasChanged() {
		String[] parts = this.issuer.issue(this.user, Role.USER).token().split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String promoted = base64(payload.replace("\"USER\"", "\"ADMIN\""));
		assertThat(promoted).isNotEqualTo(parts[1]);
		expectRefused(parts[0] + "." + promoted + "." + parts[2]);
	}

	@Test
	void refusesOurSignatureOnClaimsThatAreNotOurs() {
		expectRefused(encode(this.encoder, claims(this.user.toString(), "USER", "someone-else")));
		expectRefused(encode(this.encoder, claims("not-a-uuid", "USER", TokenIssuer.ISSUER)));
		expectRefused(encode(this.encoder, claims(this.user.toString(), "ROOT", TokenIssuer.ISSUER)));
		expectRefused(encode(this.encoder,
				JwtClaimsSet.builder()
					.issuer(TokenIssuer.ISSUER)
					.subject(this.user.toString())
					.claim(TokenIssuer.ROLE_CLAIM, "USER")
					.build()));
	}

	@Test
	void refusesABadTokenOnAPublicRouteInsteadOfIgnoringIt() {
		expectUnauthorized(
				this.client.get().uri("/api/posts").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt").exchange(),
				"Bearer error=\"invalid_token\"");
		this.client.get().uri("/api/posts?limit=1").exchange().expectStatus().isOk();
	}

	private void expectRefused(String token) {
		expectUnauthorized(me("Bearer " + token), "Bearer error=\"invalid_token\"").jsonPath("$.detail")
			.isEqualTo("the bearer token is invalid or expired; log in again");
	}

	private WebTestClient.ResponseSpec me(String authorization) {
		return this.client.get().uri("/api/auth/me").header(HttpHeaders.AUTHORIZATION, authorization).exchange();
	}

	private static WebTestClient.BodyContentSpec expectUnauthorized(WebTestClient.ResponseSpec response,
			String challenge) {
		return response.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, challenge)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:unauthorized")
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.title")
			.isEqualTo("Authentication required")
			.jsonPath("$.instance")
			.value((String instance) -> assertThat(instance).startsWith("/api/"));
	}

	private static JwtClaimsSet claims(String subject, String role, String issuer) {
		return JwtClaimsSet.builder()
			.issuer(issuer)
			.subject(subject)
			.claim(TokenIssuer.ROLE_CLAIM, role)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(600))
			.build();
	}

	private static String encode(JwtEncoder encoder, JwtClaimsSet claims) {
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
