package io.inkwell.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.context.support.StaticApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.DispatchExceptionHandler;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.HandlerResultHandler;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.HandlerFunctionAdapter;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.function.server.support.ServerResponseResultHandler;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RouterFunctionShortcut} answers what the router functions answer, as the dispatcher
 * would, and hands everything else to the rest of the chain; {@link RouterFunctionShortcutConfig}
 * makes it only when the dispatcher asks the router functions first.
 */
class RouterFunctionShortcutTests {

	private static final ServerCodecConfigurer CODECS = ServerCodecConfigurer.create();

	private final RouterFunction<ServerResponse> routes = RouterFunctions.route()
		// a predicate that fails, as one reading a malformed header can
		.route((request) -> {
			if (request.path().equals("/explode")) {
				throw new IllegalArgumentException("unreadable request");
			}
			return false;
		}, (request) -> ServerResponse.ok().build())
		.GET("/things/{id}", (request) -> ServerResponse.ok().bodyValue(Map.of("id", request.pathVariable("id"))))
		.GET("/boom", (request) -> Mono.error(new IllegalStateException("boom")))
		.build();

	private final AtomicInteger chainCalls = new AtomicInteger();

	private final WebFilterChain chain = (exchange) -> {
		this.chainCalls.incrementAndGet();
		return Mono.empty();
	};

	private final List<Throwable> dispatchErrors = new ArrayList<>();

	private RouterFunctionMapping mapping;

	private ServerResponseResultHandler resultHandler;

	@BeforeEach
	void strategies() throws Exception {
		this.mapping = new RouterFunctionMapping(this.routes);
		this.mapping.setOrder(-1); // as WebFluxConfigurationSupport orders it
		this.mapping.setMessageReaders(CODECS.getReaders());
		this.mapping.afterPropertiesSet();
		this.resultHandler = new ServerResponseResultHandler();
		this.resultHandler.setMessageWriters(CODECS.getWriters());
		this.resultHandler.afterPropertiesSet();
	}

	@Test
	void answersARouteWithoutTheRestOfTheChain() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/things/42"));

		StepVerifier.create(shortcut(recordingErrors()).filter(exchange, this.chain)).verifyComplete();

		assertThat(this.chainCalls).hasValue(0);
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
		StepVerifier.create(exchange.getResponse().getBodyAsString())
			.expectNext("{\"id\":\"42\"}")
			.verifyComplete();
		// what RouterFunctionMapping records for the dispatcher (the uri tag reads the pattern)
		assertThat(exchange.getAttributes().get(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
			.hasToString("/things/{id}");
		assertThat(exchange.getAttributes().get(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE))
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsOnly(Map.entry("id", "42"));
		assertThat(exchange.getAttributes().get(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE))
			.isInstanceOf(HandlerFunction.class);
		assertThat(this.dispatchErrors).isEmpty();
	}

	@Test
	void handsAnUnroutedRequestToTheRestOfTheChain() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/actuator/health"));

		StepVerifier.create(shortcut(recordingErrors()).filter(exchange, this.chain)).verifyComplete();

		assertThat(this.chainCalls).hasValue(1);
		assertThat(exchange.getResponse().isCommitted()).isFalse();
		assertThat(exchange.getResponse().getStatusCode()).isNull();
	}

	@Test
	void handsACorsPreFlightRequestToTheRestOfTheChain() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.options("/things/42")
			.header(HttpHeaders.ORIGIN, "https://example.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET"));

		StepVerifier.create(shortcut(recordingErrors()).filter(exchange, this.chain)).verifyComplete();

		assertThat(this.chainCalls).hasValue(1);
		assertThat(exchange.getAttributes()).doesNotContainKey(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
	}

	@Test
	void aHandlersErrorPassesTheDispatchErrorHandlersAndGoesUpTheChain() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/boom"));

		StepVerifier.create(shortcut(recordingErrors()).filter(exchange, this.chain))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class).hasMessage("boom"))
			.verify();

		assertThat(this.chainCalls).hasValue(0);
		assertThat(this.dispatchErrors).singleElement().satisfies((ex) -> assertThat(ex).hasMessage("boom"));
	}

	@Test
	void aMappingErrorPassesTheDispatchErrorHandlersAndGoesUpTheChain() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/explode"));

		StepVerifier.create(shortcut(recordingErrors()).filter(exchange, this.chain))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("unreadable request"))
			.verify();

		assertThat(this.chainCalls).hasValue(0);
		assertThat(this.dispatchErrors).singleElement()
			.satisfies((ex) -> assertThat(ex).hasMessage("unreadable request"));
	}

	@Test
	void aDispatchErrorHandlersResultIsWritten() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/boom"));
		HandlerAdapter teapot = new ErrorAdapter() {
			@Override
			public Mono<HandlerResult> handleError(ServerWebExchange exchange, Throwable ex) {
				return ServerResponse.status(HttpStatus.I_AM_A_TEAPOT)
					.build()
					.map((response) -> new HandlerResult(this, response, RETURN_TYPE));
			}
		};

		StepVerifier.create(shortcut(teapot).filter(exchange, this.chain)).verifyComplete();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.I_AM_A_TEAPOT);
		assertThat(this.chainCalls).hasValue(0);
	}

	@Test
	void aResultsOwnErrorHandlerAnswersWhenWritingTheResultFails() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/boom"));
		// a result only a failing writer supports, with an error handler of its own (as a controller's can have)
		HandlerResultHandler failingWriter = new HandlerResultHandler() {
			@Override
			public boolean supports(HandlerResult result) {
				return "unwritable".equals(result.getReturnValue());
			}

			@Override
			public Mono<Void> handleResult(ServerWebExchange exchange, HandlerResult result) {
				return Mono.error(new IllegalStateException("cannot write"));
			}
		};
		HandlerAdapter unwritable = new ErrorAdapter() {
			@Override
			public Mono<HandlerResult> handleError(ServerWebExchange exchange, Throwable ex) {
				HandlerResult result = new HandlerResult(this, "unwritable", RETURN_TYPE);
				result.setExceptionHandler((exchange2, writeError) -> ServerResponse.status(HttpStatus.I_AM_A_TEAPOT)
					.build()
					.map((response) -> new HandlerResult(this, response, RETURN_TYPE)));
				return Mono.just(result);
			}
		};
		RouterFunctionShortcut shortcut = new RouterFunctionShortcut(this.mapping,
				List.of(new HandlerFunctionAdapter(), unwritable), List.of(failingWriter, this.resultHandler));

		StepVerifier.create(shortcut.filter(exchange, this.chain)).verifyComplete();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.I_AM_A_TEAPOT);
	}

	@Test
	void isMadeOnlyWhenTheDispatcherAsksTheRouterFunctionsFirst() {
		try (StaticApplicationContext urlsFirst = context(-2); StaticApplicationContext routesFirst = context(1)) {
			assertThat(RouterFunctionShortcutConfig.create(urlsFirst)).isNull();
			assertThat(RouterFunctionShortcutConfig.create(routesFirst)).isNotNull();
		}
	}

	/** A context with the router-function mapping (order -1) and a URL mapping of the given order. */
	private StaticApplicationContext context(int urlMappingOrder) {
		StaticApplicationContext context = new StaticApplicationContext();
		RouterFunctionMapping routes = new RouterFunctionMapping(this.routes);
		routes.setOrder(-1);
		context.registerBean("routerFunctionMapping", RouterFunctionMapping.class, () -> routes);
		SimpleUrlHandlerMapping urls = new SimpleUrlHandlerMapping(Map.of("/things/**", (WebHandler) (exchange) -> Mono.empty()),
				urlMappingOrder);
		context.registerBean("urlMapping", SimpleUrlHandlerMapping.class, () -> urls);
		context.registerBean("adapter", HandlerFunctionAdapter.class, () -> new HandlerFunctionAdapter());
		context.registerBean("resultHandler", ServerResponseResultHandler.class, () -> this.resultHandler);
		context.registerBean("webHandler", DispatcherHandler.class, () -> new DispatcherHandler());
		context.refresh();
		return context;
	}

	private RouterFunctionShortcut shortcut(HandlerAdapter errorAdapter) {
		return new RouterFunctionShortcut(this.mapping, List.of(new HandlerFunctionAdapter(), errorAdapter),
				List.<HandlerResultHandler>of(this.resultHandler));
	}

	/** Like RequestMappingHandlerAdapter without advice: sees the error, hands it on. */
	private HandlerAdapter recordingErrors() {
		return new ErrorAdapter() {
			@Override
			public Mono<HandlerResult> handleError(ServerWebExchange exchange, Throwable ex) {
				RouterFunctionShortcutTests.this.dispatchErrors.add(ex);
				return Mono.error(ex);
			}
		};
	}

	/** An adapter for no handler of these routes that handles dispatch errors (as RequestMappingHandlerAdapter does). */
	private abstract static class ErrorAdapter implements HandlerAdapter, DispatchExceptionHandler {

		static final MethodParameter RETURN_TYPE;

		static {
			try {
				RETURN_TYPE = new MethodParameter(HandlerFunction.class.getMethod("handle", ServerRequest.class), -1);
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public boolean supports(Object handler) {
			return false;
		}

		@Override
		public Mono<HandlerResult> handle(ServerWebExchange exchange, Object handler) {
			return Mono.error(new IllegalStateException("not called"));
		}

	}

}
