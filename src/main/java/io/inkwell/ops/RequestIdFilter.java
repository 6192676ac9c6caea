package io.inkwell.ops;

import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an id — the caller's {@code X-Request-Id} when it is a sane token,
 * else the server's own — echoes it in the response and puts it in the Reactor context
 * and the exchange's attributes under {@value #KEY}. The places that log while a request
 * is handled put it into the logging MDC for their line ({@link RequestLog}), so every
 * log line of a request (including the JSON logs of production mode) carries
 * {@code requestId}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

	/** Reactor context key and MDC key. */
	public static final String KEY = "requestId";

	static final String HEADER = "X-Request-Id";

	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String given = exchange.getRequest().getHeaders().getFirst(HEADER);
		// a client-chosen id is only kept when it cannot forge log lines or blow up their
		// size
		String id = (given != null && SANE.matcher(given).matches()) ? given : exchange.getRequest().getId();
		exchange.getResponse().getHeaders().set(HEADER, id);
		exchange.getAttributes().put(KEY, id);
		return chain.filter(exchange).contextWrite((context) -> context.put(KEY, id));
	}

	/**
	 * WebFlux names each filter in a checkpoint on every request
	 * ({@code filter.toString()}); a constant spares building {@code Object.toString()}'s
	 * class name and hash each time.
	 */
	@Override
	public String toString() {
		return "RequestIdFilter";
	}

}
