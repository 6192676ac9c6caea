package io.inkwell.security;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The routes an application actually serves, read from its {@link RouterFunction} beans with
 * the routers' own visitors: method and full path pattern of every route (nested paths joined).
 * A predicate this walker does not understand fails loudly instead of hiding a route.
 */
final class Routes {

	private Routes() {
	}

	/** Method and path pattern of one route, as its router writes them. */
	record Route(HttpMethod method, String pattern) {

		@Override
		public String toString() {
			return this.method + " " + this.pattern;
		}

	}

	@SuppressWarnings("rawtypes")
	static Set<Route> of(ApplicationContext context) {
		Set<Route> routes = new LinkedHashSet<>();
		Map<String, RouterFunction> beans = context.getBeansOfType(RouterFunction.class);
		for (RouterFunction<?> router : beans.values()) {
			router.accept(new Walker(routes));
		}
		return routes;
	}

	private static final class Walker implements RouterFunctions.Visitor {

		private final Set<Route> routes;

		private final Deque<String> prefixes = new ArrayDeque<>();

		Walker(Set<Route> routes) {
			this.routes = routes;
		}

		@Override
		public void startNested(RequestPredicate predicate) {
			Predicate parsed = Predicate.of(predicate);
			if (!parsed.methods.isEmpty()) {
				throw new IllegalStateException("nested routes by method are not supported: " + predicate);
			}
			this.prefixes.push(prefix() + parsed.path());
		}

		@Override
		public void endNested(RequestPredicate predicate) {
			this.prefixes.pop();
		}

		@Override
		public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
			Predicate parsed = Predicate.of(predicate);
			if (parsed.methods.isEmpty()) {
				throw new IllegalStateException("a route without a method: " + predicate);
			}
			for (HttpMethod method : parsed.methods) {
				this.routes.add(new Route(method, prefix() + parsed.path()));
			}
		}

		private String prefix() {
			return this.prefixes.isEmpty() ? "" : this.prefixes.peek();
		}

		@Override
		public void resources(Function<ServerRequest, Mono<Resource>> lookup) {
			throw new IllegalStateException("resource routes are not supported");
		}

		@Override
		public void attributes(Map<String, Object> attributes) {
		}

		@Override
		public void unknown(RouterFunction<?> routerFunction) {
			throw new IllegalStateException("a router function this walker cannot read: " + routerFunction);
		}

	}

	/** The methods and path of a predicate made of {@code method(...)}, {@code path(...)} and {@code and}. */
	private static final class Predicate implements RequestPredicates.Visitor {

		final List<HttpMethod> methods = new ArrayList<>();

		final StringBuilder path = new StringBuilder();

		static Predicate of(RequestPredicate predicate) {
			Predicate parsed = new Predicate();
			predicate.accept(parsed);
			return parsed;
		}

		String path() {
			return this.path.toString();
		}

		@Override
		public void method(Set<HttpMethod> methods) {
			this.methods.addAll(methods);
		}

		@Override
		public void path(String pattern) {
			this.path.append(pattern);
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
		public void pathExtension(String extension) {
			unsupported("pathExtension");
		}

		@Override
		public void header(String name, String value) {
			unsupported("header");
		}

		@Override
		public void queryParam(String name, String value) {
			unsupported("queryParam");
		}

		@Override
		public void version(String version) {
			unsupported("version");
		}

		@Override
		public void startOr() {
			unsupported("or");
		}

		@Override
		public void or() {
		}

		@Override
		public void endOr() {
		}

		@Override
		public void startNegate() {
			unsupported("negate");
		}

		@Override
		public void endNegate() {
		}

		@Override
		public void unknown(RequestPredicate predicate) {
			unsupported(String.valueOf(predicate));
		}

		private static void unsupported(String what) {
			throw new IllegalStateException("route predicate not understood by the route walker: " + what
					+ "; teach Routes to read it so that the access table can be checked");
		}

	}

}
