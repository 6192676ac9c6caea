package io.inkwell.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bearer-token reader without a regular expression gives the same answer as Spring
 * Security's converter for every {@code Authorization} value: no token, this token, or the same
 * {@code invalid_token} error; on edge cases and on 20,000 seeded random values (the seed is in
 * the failure).
 */
class BearerTokenConverterTests {

	static final long SEED = Long.getLong("inkwell.generated.seed", System.nanoTime());

	static final String TOKEN_CHARACTERS = "aZ09-._~+/=";

	final ServerAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

	final ServerAuthenticationConverter ours = new BearerTokenConverter();

	@Test
	void readsAWellFormedToken() {
		assertThat(answer(this.ours, "Bearer eyJhbGciOi.eyJzdWIi.sig-_+/==")).isEqualTo("token eyJhbGciOi.eyJzdWIi.sig-_+/==");
		assertThat(answer(this.ours, null)).isEqualTo("none");
	}

	@Test
	void answersLikeSpringSecurityOnEdgeCases() {
		List<String> cases = new ArrayList<>(List.of("Bearer abc", "bearer abc", "BEARER abc", "BeArEr a", "Bearer",
				"Bearer ", "Bearer  abc", "Bearer abc ", "Bearer a=b", "Bearer ==", "Bearer abc==", "Bearer a.b.c",
				"Bearer é", "Bearer\tabc", "Bearerabc", "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "bearer", "Bear", "",
				"Bearer abc\n", "Bearer a b", "Bearer 😀", "Bearer abc,def", "xBearer abc", "Bearer a%2Fb"));
		for (String hostile : Generator.HOSTILE) {
			cases.add("Bearer " + hostile);
		}
		for (String value : cases) {
			assertSameAnswer(value);
		}
	}

	@Test
	void answersLikeSpringSecurityOnGeneratedValues() {
		Generator generate = new Generator(SEED);
		for (int i = 0; i < 20_000; i++) {
			String scheme = generate.oneOf("Bearer ", "bearer ", "BEARER ", "Bearer", "Bearer  ", "Basic ", "",
					"Bearer\t");
			String token = generate.chance(0.7) ? generate.string(TOKEN_CHARACTERS, 30)
					: generate.string(TOKEN_CHARACTERS + Generator.SPECIALS, 30);
			assertSameAnswer(scheme + token);
		}
	}

	private void assertSameAnswer(String authorization) {
		assertThat(answer(this.ours, authorization)).as("Authorization: [%s] (seed %d)", authorization, SEED)
			.isEqualTo(answer(this.spring, authorization));
	}

	/** "none", "token <value>" or "error <code>". */
	private static String answer(ServerAuthenticationConverter converter, String authorization) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/api/users");
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		try {
			Authentication authentication = Mono.defer(() -> converter.convert(exchange)).block();
			return (authentication == null) ? "none"
					: "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
		}
		catch (OAuth2AuthenticationException ex) {
			return "error " + Objects.requireNonNull(ex.getError()).getErrorCode();
		}
	}

}
