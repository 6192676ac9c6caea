package io.inkwell.web;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.reactive.DispatchExceptionHandler;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.HandlerResultHandler;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The last filter of the server's web filter chain: a request that the API's router functions
 * answer is handled here with the {@link DispatcherHandler}'s own strategies, and every other
 * request goes on to the dispatcher.
 * <p>
 * The dispatcher asks its handler mappings one after another through a {@code Flux} per request
 * ({@code concatMap}, {@code next}, {@code switchIfEmpty}, {@code onErrorResume}, {@code flatMap},
 * a {@code checkpoint} named after the handler). The router-function mapping is its first mapping
 * (the actuator's come after it, {@link HandlerMappingOrder}; {@link RouterFunctionShortcutConfig}
 * installs this filter only when the dispatcher's first mapping is that one), so asking that
 * mapping directly gives the same answer, with the dispatcher's own strategies: the same
 * {@link RouterFunctionMapping#getHandler} (request attributes, the matched pattern for the
 * {@code http.server.requests} uri tag, CORS, API versions), the same {@link HandlerAdapter}, the
 * same adapters handling dispatch errors (for the mapping's errors and the handler's), the same
 * {@link HandlerResultHandler}. Errors they leave go up the filter chain to the server's exception
 * handlers as they do from the dispatcher. CORS pre-flight requests, requests that no router
 * function answers and requests whose handler is not a {@link HandlerFunction} (a CORS rejection)
 * go on to the dispatcher, which asks again. Skipping the dispatcher's loop saves 4-10% of the CPU
 * of {@code GET /api/users/{id}} (README, Benchmarks).
 */
final class RouterFunctionShortcut implements WebFilter {

	/** What {@code getHandler} turns into when no router function matches. */
	private static final Object NO_ROUTE = new Object();

	private final RouterFunctionMapping mapping;

	private final List<HandlerAdapter> adapters;

	private final List<DispatchExceptionHandler> errorHandlers;

	private final List<HandlerResultHandler> resultHandlers;

	/**
	 * @param mapping the dispatcher's first handler mapping
	 * @param adapters the dispatcher's handler adapters, in its order
	 * @param resultHandlers the dispatcher's result handlers, in its order
	 */
	RouterFunctionShortcut(RouterFunctionMapping mapping, List<HandlerAdapter> adapters,
			List<HandlerResultHandler> resultHandlers) {
		this.mapping = mapping;
		this.adapters = List.copyOf(adapters);
		this.errorHandlers = adapters.stream()
			.filter(DispatchExceptionHandler.class::isInstance)
			.map(DispatchExceptionHandler.class::cast)
			.toList();
		this.resultHandlers = List.copyOf(resultHandlers);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			return chain.filter(exchange);
		}
		return this.mapping.getHandler(exchange)
			.defaultIfEmpty(NO_ROUTE)
			// the mapping's own errors, as the dispatcher treats them (then no other mapping is asked)
			.onErrorResume((ex) -> handleResult(exchange, Mono.error(ex)).then(Mono.empty()))
			.flatMap((handler) -> (handler instanceof HandlerFunction<?>) ? handle(exchange, handler)
					: chain.filter(exchange));
	}

	/** What the dispatcher does with a handler once a mapping returned it. */
	private Mono<Void> handle(ServerWebExchange exchange, Object handler) {
		if (HttpStatus.FORBIDDEN.equals(exchange.getResponse().getStatusCode())) {
			return Mono.empty(); // CORS rejection, as the dispatcher treats it
		}
		for (HandlerAdapter adapter : this.adapters) {
			if (adapter.supports(handler)) {
				return handleResult(exchange, adapter.handle(exchange, handler));
			}
		}
		return Mono.error(new IllegalStateException("No HandlerAdapter: " + handler));
	}

	/** Errors offered to the adapters that handle dispatch errors, then the result written. */
	private Mono<Void> handleResult(ServerWebExchange exchange, Mono<HandlerResult> result) {
		for (DispatchExceptionHandler errorHandler : this.errorHandlers) {
			result = result.onErrorResume((ex) -> errorHandler.handleError(exchange, ex));
		}
		return result.flatMap((handled) -> write(exchange, handled));
	}

	private Mono<Void> write(ServerWebExchange exchange, HandlerResult result) {
		Mono<Void> written = resultHandler(result).handleResult(exchange, result);
		DispatchExceptionHandler errorHandler = result.getExceptionHandler();
		if (errorHandler == null) {
			return written;
		}
		return written.onErrorResume((ex) -> errorHandler.handleError(exchange, ex)
			.flatMap((handled) -> resultHandler(handled).handleResult(exchange, handled)));
	}

	private HandlerResultHandler resultHandler(HandlerResult result) {
		for (HandlerResultHandler resultHandler : this.resultHandlers) {
			if (resultHandler.supports(result)) {
				return resultHandler;
			}
		}
		throw new IllegalStateException("No HandlerResultHandler for " + result.getReturnValue());
	}

	/** The name of the filter's checkpoint on every request (as {@code RequestIdFilter}'s). */
	@Override
	public String toString() {
		return "RouterFunctionShortcut";
	}

}
