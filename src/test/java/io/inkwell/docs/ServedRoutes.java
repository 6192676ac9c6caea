package io.inkwell.docs;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.inkwell.docs.OpenApiContract.Operation;
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
 * The operations a running application serves, read from its {@link RouterFunction} beans with
 * Spring's visitors: nested path prefixes are joined, and each route's predicate must be a method
 * and a path pattern (anything else — header, query or version predicates, or/negate — fails,
 * because the document could not describe it as one operation).
 */
final class ServedRoutes {

	/**
	 * Operations the document already describes whose code lives on a branch not merged into this
	 * one yet ({@code money}: transfers, stats, export). Once a build serves one, the route coverage
	 * test fails until it is deleted here, so that it gets checked like every other operation.
	 */
	static final Set<Operation> NOT_YET_SERVED = Set.of();

	private ServedRoutes() {
	}

	static Set<Operation> of(ApplicationContext context) {
		Set<Operation> operations = new TreeSet<>(Comparator.comparing(Operation::toString));
		for (RouterFunction<?> router : context.getBeansOfType(RouterFunction.class).values()) {
			router.accept(new Routes(operations));
		}
		return operations;
	}

	private static final class Routes implements RouterFunctions.Visitor {

		private final Set<Operation> operations;

		private final Deque<String> prefixes = new ArrayDeque<>();

		Routes(Set<Operation> operations) {
			this.operations = operations;
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
				throw new AssertionError("A route without a method cannot be documented: " + predicate);
			}
			route.methods().forEach((method) -> this.operations.add(new Operation(method, this.prefixes.peek() + route.path())));
		}

		@Override
		public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
			throw new AssertionError("Static resource routes read the classpath on the event loop and cannot be"
					+ " documented as operations: " + lookupFunction);
		}

		@Override
		public void attributes(Map<String, Object> attributes) {
		}

		@Override
		public void unknown(RouterFunction<?> routerFunction) {
			throw new AssertionError("Unknown kind of router function: " + routerFunction);
		}

	}

	/** The methods and the path pattern of a predicate built from {@code method AND path}. */
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
					+ "; teach ServedRoutes (and the document) how to describe it");
		}

	}

}
