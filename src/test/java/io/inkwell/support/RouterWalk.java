package io.inkwell.support;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The routes a running application serves, read from its {@link RouterFunction} beans
 * with Spring's visitors: nested path prefixes are joined, and each route's predicate
 * must be a method and a path pattern. Anything else (header, query or version
 * predicates, or/negate, resource routes) fails loudly instead of hiding a route. Used by
 * the route coverage of the OpenAPI document and by the authorisation matrix.
 */
public final class RouterWalk {

	private RouterWalk() {
	}

	/** Method and full path pattern of one route, as its router writes them. */
	public record Route(HttpMethod method, String pattern) {

		@Override
		public String toString() {
			return this.method + " " + this.pattern;
		}

	}

	/** Every route of every router bean, in a stable order. */
	public static Set<Route> of(ApplicationContext context) {
		Set<Route> routes = new TreeSet<>(Comparator.comparing(Route::toString));
		for (RouterFunction<?> router : context.getBeansOfType(RouterFunction.class).values()) {
			router.accept(new Walker(routes));
		}
		return routes;
	}

	private static final class Walker implements RouterFunctions.Visitor {

		private final Set<Route> routes;

		private final Deque<String> prefixes = new ArrayDeque<>();

		Walker(Set<Route> routes) {
			this.routes = routes;
			this.prefixes.push("");
		}

		@Override
		public void startNested(RequestPredicate predicate) {
			Predicate nested = Predicate.read(predicate);
			if (!nested.methods().isEmpty()) {
				throw new AssertionError("A nested router with a method predicate is not supported: " + predicate);
			}
			this.prefixes.push(this.prefixes.peek() + nested.path());
		}

		@Override
		public void endNested(RequestPredicate predicate) {
			this.prefixes.pop();
		}

		@Override
		public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
			Predicate route = Predicate.read(predicate);
			if (route.methods().isEmpty()) {
				throw new AssertionError("A route without a method: " + predicate);
			}
			route.methods()
				.forEach((method) -> this.routes.add(new Route(method, this.prefixes.peek() + route.path())));
		}

		@Override
		public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
			throw new AssertionError("Static resource routes read the classpath on the event loop and cannot be"
					+ " listed as operations: " + lookupFunction);
		}

		@Override
		public void attributes(Map<String, Object> attributes) {
		}

		@Override
		public void unknown(RouterFunction<?> routerFunction) {
			throw new AssertionError("Unknown kind of router function: " + routerFunction);
		}

	}

	/**
	 * The methods and the path pattern of a predicate built from {@code method AND path}.
	 */
	private record Predicate(Set<HttpMethod> methods, String path) {

		static Predicate read(RequestPredicate predicate) {
			Reader reader = new Reader(predicate);
			predicate.accept(reader);
			return new Predicate(reader.methods, (reader.path != null) ? reader.path : "");
		}

	}

	private static final class Reader implements RequestPredicates.Visitor {

		private final RequestPredicate predicate;

		private final Set<HttpMethod> methods = new TreeSet<>(Comparator.comparing(HttpMethod::name));

		private String path;

		Reader(RequestPredicate predicate) {
			this.predicate = predicate;
		}

		@Override
		public void method(Set<HttpMethod> methods) {
			this.methods.addAll(methods);
		}

		@Override
		public void path(String pattern) {
			if (this.path != null) {
				unsupported("two path patterns");
			}
			this.path = pattern;
		}

		@Override
		public void pathExtension(String extension) {
			unsupported("a path extension predicate");
		}

		@Override
		public void header(String name, String value) {
			unsupported("a header predicate");
		}

		@Override
		public void queryParam(String name, String value) {
			unsupported("a query parameter predicate");
		}

		@Override
		public void version(String version) {
			unsupported("a version predicate");
		}

		@Override
		public void startAnd() {
		}

		@Override
		public void and() {
		}

		@Override
		public void endAnd() {
		}

		@Override
		public void startOr() {
			unsupported("an or predicate");
		}

		@Override
		public void or() {
		}

		@Override
		public void endOr() {
		}

		@Override
		public void startNegate() {
			unsupported("a negated predicate");
		}

		@Override
		public void endNegate() {
		}

		@Override
		public void unknown(RequestPredicate predicate) {
			unsupported("an unknown predicate " + predicate);
		}

		private void unsupported(String what) {
			throw new AssertionError("Route " + this.predicate + " has " + what
					+ "; teach RouterWalk (and the OpenAPI document and AccessRules) how to describe it");
		}

	}

}
