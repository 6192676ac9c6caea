package io.inkwell.fastpath;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SecurityHeaders} writes what Spring Security's default header writers write,
 * taken from a filter chain built by Spring Security itself: on a plain answer, on a 304
 * (no cache headers), over HTTPS (HSTS), and where the handler set one of the headers
 * already (that group is left alone). A new default in a Spring Security upgrade fails
 * this test.
 */
class SecurityHeadersTests {

	// a bare ServerHttpSecurity has the default header writers and little else
	static final WebFilter SPRING_SECURITY = ServerHttpSecurity.http()
		.build()
		.getWebFilters()
		.filter(HttpHeaderWriterWebFilter.class::isInstance)
		.blockFirst();

	record Answer(String uri, HttpStatus status, Map<String, String> preset) {

		@Override
		public String toString() {
			return this.uri + " " + this.status.value() + " " + this.preset;
		}

	}

	static List<Answer> answers() {
		return List.of(new Answer("http://localhost/api/users", HttpStatus.OK, Map.of()),
				new Answer("http://localhost/api/users", HttpStatus.NOT_FOUND, Map.of()),
				new Answer("http://localhost/api/users", HttpStatus.NOT_MODIFIED, Map.of()),
				new Answer("https://example.org/api/users", HttpStatus.OK, Map.of()),
				new Answer("http://localhost/openapi.yaml", HttpStatus.OK,
						Map.of(HttpHeaders.CACHE_CONTROL, "max-age=60")),
				new Answer("http://localhost/api/users", HttpStatus.OK, Map.of(HttpHeaders.PRAGMA, "no-cache")),
				new Answer("http://localhost/api/users", HttpStatus.OK,
						Map.of(HttpHeaders.EXPIRES, "Thu, 01 Jan 2099 00:00:00 GMT")),
				new Answer("http://localhost/docs", HttpStatus.OK,
						Map.of("X-Frame-Options", "SAMEORIGIN", "Referrer-Policy", "same-origin")),
				new Answer("https://example.org/api/users", HttpStatus.OK, Map.of("Strict-Transport-Security",
						"max-age=60", "X-Content-Type-Options", "nosniff", "X-XSS-Protection", "1")));
	}

	@ParameterizedTest
	@MethodSource("answers")
	void writesWhatSpringSecuritysDefaultWritersWrite(Answer answer) {
		Map<String, List<String>> expected = headers(answer,
				(exchange) -> SPRING_SECURITY.filter(exchange, (filtered) -> respond(filtered, answer)));
		Map<String, List<String>> actual = headers(answer, (exchange) -> {
			exchange.getResponse().beforeCommit(() -> {
				SecurityHeaders.write(exchange);
				return Mono.empty();
			});
			return respond(exchange, answer);
		});
		assertThat(actual).isEqualTo(expected);
		assertThat(actual).containsKey("X-Content-Type-Options");
	}

	private static Mono<Void> respond(ServerWebExchange exchange, Answer answer) {
		exchange.getResponse().setStatusCode(answer.status());
		answer.preset().forEach(exchange.getResponse().getHeaders()::set);
		return exchange.getResponse().setComplete();
	}

	private static Map<String, List<String>> headers(Answer answer, Function<ServerWebExchange, Mono<Void>> handling) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(answer.uri()));
		handling.apply(exchange).block();
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		exchange.getResponse().getHeaders().forEach(headers::put);
		return headers;
	}

}
