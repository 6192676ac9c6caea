package io.inkwell.fastpath;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Security's default response headers, written the way its header writers write
 * them (each group only when the response has none of the group's headers yet; no cache
 * headers on a 304; HSTS only over HTTPS), for {@link PublicRequestShortcut}.
 * {@code SecurityHeadersTests} holds them to Spring Security's own default writers,
 * {@code SecurityHeadersIntegrationTests} holds the shortcut and the filter chain to the
 * same answers.
 */
final class SecurityHeaders {

	private SecurityHeaders() {
	}

	static void write(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		if (response.getStatusCode() != HttpStatus.NOT_MODIFIED && !headers.containsHeader(HttpHeaders.CACHE_CONTROL)
				&& !headers.containsHeader(HttpHeaders.PRAGMA) && !headers.containsHeader(HttpHeaders.EXPIRES)) {
			headers.set(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
			headers.set(HttpHeaders.PRAGMA, "no-cache");
			headers.set(HttpHeaders.EXPIRES, "0");
		}
		setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
		if ("https".equals(exchange.getRequest().getURI().getScheme())) {
			setIfAbsent(headers, "Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
		}
		setIfAbsent(headers, "X-Frame-Options", "DENY");
		setIfAbsent(headers, "X-XSS-Protection", "0");
		setIfAbsent(headers, "Referrer-Policy", "no-referrer");
	}

	private static void setIfAbsent(HttpHeaders headers, String name, String value) {
		if (!headers.containsHeader(name)) {
			headers.set(name, value);
		}
	}

}
