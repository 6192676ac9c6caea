package io.inkwell.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * The compiled route table decides like the rows read: in order, first match wins, exact
 * method, a row also covers its path with a trailing slash.
 */
class RouteTableTests {

	static final RouteTable TABLE = new RouteTable(List.of(AccessRule.of(GET, "/api/things/mine", Access.AUTHENTICATED),
			AccessRule.of(GET, "/api/things/{id}", Access.PUBLIC), AccessRule.of(GET, "/api/things", Access.PUBLIC),
			AccessRule.of(POST, "/api/things", Access.ADMIN), AccessRule.of(GET, "/files/**", Access.PUBLIC)));

	static MockServerWebExchange exchange(HttpMethod method, String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
	}

	@ParameterizedTest
	@CsvSource({ "GET, /api/things/mine, /api/things/mine", "GET, /api/things/42, /api/things/{id}",
			"GET, /api/things, /api/things", "GET, /api/things/, /api/things", "GET, /api/things/42/, /api/things/{id}",
			"POST, /api/things, /api/things", "GET, /files/a/b/c.css, /files/**", "GET, /files, /files/**" })
	void findsTheFirstRowThatMatches(String method, String path, String pattern) {
		AccessRule rule = TABLE.match(exchange(HttpMethod.valueOf(method), path));
		assertThat(rule).isNotNull();
		assertThat(rule.method()).isEqualTo(HttpMethod.valueOf(method));
		assertThat(rule.pattern()).isEqualTo(pattern);
	}

	@Test
	void earlierRowsWinOverLaterOnes() {
		assertThat(TABLE.match(exchange(GET, "/api/things/mine")).access()).isEqualTo(Access.AUTHENTICATED);
	}

	@ParameterizedTest
	@CsvSource({ "DELETE, /api/things", "HEAD, /api/things", "GET, /api/things/1/2", "GET, /api/other",
			"GET, /filesystem" })
	void findsNoRowForOtherMethodsAndPaths(String method, String path) {
		assertThat(TABLE.match(exchange(HttpMethod.valueOf(method), path))).isNull();
	}

}
