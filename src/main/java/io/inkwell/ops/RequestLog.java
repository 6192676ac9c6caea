package io.inkwell.ops;

import org.slf4j.MDC;
import reactor.util.context.ContextView;

import org.springframework.web.server.ServerWebExchange;

/**
 * Puts the request id into the logging MDC around one log statement. The server has no
 * thread-local context propagation ({@code io.micrometer:context-propagation} is left off
 * the class path), so Reactor does not copy the Reactor context into thread locals on
 * every signal (costly, since the driver signals once per backend message); instead the
 * few places that log while handling a request say which request it is.
 */
public final class RequestLog {

	private RequestLog() {
	}

	/**
	 * Runs {@code logStatement} with the request id of this Reactor context (if any) in
	 * the MDC.
	 */
	public static void with(ContextView context, Runnable logStatement) {
		withId(context.getOrDefault(RequestIdFilter.KEY, null), logStatement);
	}

	/**
	 * Runs {@code logStatement} with the request id of this exchange (if any) in the MDC.
	 */
	public static void with(ServerWebExchange exchange, Runnable logStatement) {
		withId(exchange.getAttribute(RequestIdFilter.KEY), logStatement);
	}

	private static void withId(String requestId, Runnable logStatement) {
		if (requestId == null) {
			logStatement.run();
			return;
		}
		String previous = MDC.get(RequestIdFilter.KEY);
		MDC.put(RequestIdFilter.KEY, requestId);
		try {
			logStatement.run();
		}
		finally {
			if (previous != null) {
				MDC.put(RequestIdFilter.KEY, previous);
			}
			else {
				MDC.remove(RequestIdFilter.KEY);
			}
		}
	}

}
