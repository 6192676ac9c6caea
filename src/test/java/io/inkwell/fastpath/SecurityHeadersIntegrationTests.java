package io.inkwell.fastpath;

import java.util.List;
import java.util.UUID;

import io.inkwell.support.IntegrationTest;
import io.inkwell.security.Role;
import io.inkwell.support.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A public route answers a request without credentials through
 * {@link PublicRequestShortcut} (with the fast path off, through the filter chain too)
 * and the same request with a token through Spring Security's filter chain: both answers
 * carry the same security headers, and the firewall refuses the same URLs on both.
 */
@IntegrationTest
class SecurityHeadersIntegrationTests {

	static final List<String> SECURITY_HEADERS = List.of(HttpHeaders.CACHE_CONTROL, HttpHeaders.PRAGMA,
			HttpHeaders.EXPIRES, "X-Content-Type-Options", "X-Frame-Options", "X-XSS-Protection", "Referrer-Policy");

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	private final UUID user = Tokens.createUser(Role.USER, "headers");

	@ParameterizedTest
	@ValueSource(strings = { "/api/users/%s", "/api/posts?status=PUBLISHED&limit=2&include=author", "/api/categories" })
	void shortcutAndFilterChainWriteTheSameSecurityHeaders(String template) {
		String uri = template.formatted(this.user);
		HttpHeaders shortcut = this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders();
		HttpHeaders chain = this.client.get()
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, this.tokens.user(this.user))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders();
		for (String name : SECURITY_HEADERS) {
			assertThat(shortcut.get(name)).as(name).isNotEmpty().isEqualTo(chain.get(name));
		}
		assertThat(shortcut.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(shortcut.getFirst(HttpHeaders.CACHE_CONTROL)).contains("no-store");
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void firewallRefusesTheSameUrlWithAndWithoutCredentials(boolean withToken) {
		WebTestClient.RequestHeadersSpec<?> request = this.client.get().uri("/api/users/a;b");
		if (withToken) {
			request = request.header(HttpHeaders.AUTHORIZATION, this.tokens.user(this.user));
		}
		request.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:invalid-parameter");
	}

}
