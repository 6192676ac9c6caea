package io.inkwell.security;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * {@link AccessRules} compiled for matching: the rows in order, each pattern parsed once,
 * matched the way Spring Security's {@code pathMatchers(method, pattern)} matches (same
 * parser, the path within the application, the exact method); the first matching row
 * wins. The filter chain ({@link SecurityConfig}) and the fast path
 * ({@code io.inkwell.fastpath}) decide with this one table.
 */
public final class RouteTable {

	private final Row[] rows;

	public RouteTable(List<AccessRule> rules) {
		this.rows = rules.stream().map(Row::of).toArray(Row[]::new);
	}

	/** The first row that matches the request, or null when none does. */
	public AccessRule match(ServerWebExchange exchange) {
		HttpMethod method = exchange.getRequest().getMethod();
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		for (Row row : this.rows) {
			if (row.matches(method, path)) {
				return row.rule();
			}
		}
		return null;
	}

	private record Row(AccessRule rule, PathPattern[] patterns) {

		static Row of(AccessRule rule) {
			// a nested router also serves its root with a trailing slash ("/api/users/"
			// is the list):
			// the rule covers both spellings, so neither is left to the fail-closed guard
			String[] spellings = rule.pattern().endsWith("/**") ? new String[] { rule.pattern() }
					: new String[] { rule.pattern(), rule.pattern() + "/" };
			PathPattern[] patterns = new PathPattern[spellings.length];
			for (int i = 0; i < spellings.length; i++) {
				patterns[i] = PathPatternParser.defaultInstance.parse(spellings[i]);
			}
			return new Row(rule, patterns);
		}

		boolean matches(HttpMethod method, PathContainer path) {
			if (!this.rule.method().equals(method)) {
				return false;
			}
			for (PathPattern pattern : this.patterns) {
				if (pattern.matches(path)) {
					return true;
				}
			}
			return false;
		}

	}

}
