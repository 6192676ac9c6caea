package io.inkwell.security;

import org.springframework.http.HttpMethod;

/**
 * One row of the route table: requests with {@code method} whose path matches
 * {@code pattern} (a Spring path pattern, written exactly as the router writes it) need
 * {@code access}.
 */
public record AccessRule(HttpMethod method, String pattern, Access access) {

	public static AccessRule of(HttpMethod method, String pattern, Access access) {
		return new AccessRule(method, pattern, access);
	}

}
