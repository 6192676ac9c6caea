package io.inkwell.fastpath;

import java.util.List;

import io.inkwell.security.Access;
import io.inkwell.security.AccessRule;
import io.inkwell.security.RouteTable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * {@link PublicWithoutCredentials} takes only what Spring Security's chain would let
 * through unauthenticated: no {@code Authorization} header at all, and a public row of
 * the route table (the first matching row, as the chain's authorization decides).
 */
class PublicWithoutCredentialsTests {

	static final RouteTable TABLE = new RouteTable(List.of(AccessRule.of(GET, "/api/things/mine", Access.AUTHENTICATED),
			AccessRule.of(GET, "/api/things/{id}", Access.PUBLIC), AccessRule.of(GET, "/api/things", Access.PUBLIC),
			AccessRule.of(POST, "/api/things", Access.ADMIN), AccessRule.of(GET, "/files/**", Access.PUBLIC)));

	static MockServerWebExchange exchange(HttpMethod method, String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
	}

	@Test
	void shortcutTakesPublicRequestsWithoutCredentials() {
		PublicWithoutCredentials matcher = new PublicWithoutCredentials(TABLE);
		assertThat(matches(matcher, exchange(GET, "/api/things/42"))).isTrue();
		assertThat(matches(matcher, exchange(GET, "/files/x.js"))).isTrue();
	}

	@Test
	void shortcutLeavesEveryRequestWithAnAuthorizationHeaderToTheFilterChain() {
		PublicWithoutCredentials matcher = new PublicWithoutCredentials(TABLE);
		for (String value : List.of("Bearer abc", "Basic YTpi", "", "bearer")) {
			MockServerWebExchange exchange = MockServerWebExchange
				.from(MockServerHttpRequest.get("/api/things/42").header(HttpHeaders.AUTHORIZATION, value));
			assertThat(matches(matcher, exchange)).as("Authorization: %s", value).isFalse();
		}
	}

	@Test
	void shortcutLeavesCrossOriginRequestsToTheFilterChainAndItsCorsFilter() {
		PublicWithoutCredentials matcher = new PublicWithoutCredentials(TABLE);
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/things/42").header(HttpHeaders.ORIGIN, "https://app.example"));
		assertThat(matches(matcher, exchange)).isFalse();
	}

	@Test
	void shortcutLeavesNonPublicAndUnlistedRoutesToTheFilterChain() {
		PublicWithoutCredentials matcher = new PublicWithoutCredentials(TABLE);
		// the public {id} row comes after the authenticated "mine" row, which wins
		assertThat(matches(matcher, exchange(GET, "/api/things/mine"))).isFalse();
		assertThat(matches(matcher, exchange(POST, "/api/things"))).isFalse();
		assertThat(matches(matcher, exchange(DELETE, "/api/things"))).isFalse();
		assertThat(matches(matcher, exchange(GET, "/api/unlisted"))).isFalse();
	}

	private static boolean matches(PublicWithoutCredentials matcher, MockServerWebExchange exchange) {
		return matcher.test(exchange);
	}

}
