package io.inkwell.security;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Cross-origin access for browser front ends, bound from {@code inkwell.cors.*}.
 *
 * @param allowedOrigins origins (scheme, host and port, e.g.
 * {@code https://app.example.com}) whose pages may call the API;
 * {@code CORS_ALLOWED_ORIGINS} in the environment, comma-separated. Empty (the default):
 * CORS is off, no response carries {@code Access-Control-*} headers
 * @param maxAge how long a browser may keep a pre-flight's answer
 */
@ConfigurationProperties("inkwell.cors")
public record CorsProperties(@DefaultValue("") List<String> allowedOrigins, @DefaultValue("30m") Duration maxAge) {

	/** Request headers a front end may send (besides the CORS-safelisted ones). */
	static final List<String> ALLOWED_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
			"Idempotency-Key", HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH, "X-Request-Id", "Inkwell-Consistency");

	/** Response headers a front end's script may read. */
	static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER,
			"Idempotent-Replayed", "X-Request-Id", "Inkwell-Consistency");

	static final List<String> ALLOWED_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

	public CorsProperties {
		allowedOrigins = allowedOrigins.stream().map(String::strip).filter((origin) -> !origin.isEmpty()).toList();
	}

	boolean enabled() {
		return !this.allowedOrigins.isEmpty();
	}

	/**
	 * The configuration for every path; no credentials mode (the API takes bearer tokens
	 * in {@code Authorization}, never cookies).
	 */
	CorsConfigurationSource source() {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(this.allowedOrigins);
		configuration.setAllowedMethods(ALLOWED_METHODS);
		configuration.setAllowedHeaders(ALLOWED_HEADERS);
		configuration.setExposedHeaders(EXPOSED_HEADERS);
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(Objects.requireNonNull(this.maxAge));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", configuration);
		return source;
	}

}
