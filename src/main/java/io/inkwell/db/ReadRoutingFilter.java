package io.inkwell.db;

import java.io.IOException;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * With read replicas only: marks the API's reads ({@code GET}, {@code HEAD} below
 * {@code /api/}) for {@link ReadRoutingConnectionFactory}, and gives every successful
 * write a consistency token.
 * <ul>
 * <li>A write ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) that answers 2xx
 * carries {@value #HEADER}: the primary's WAL position read after the write's transaction
 * committed.</li>
 * <li>A read that sends that header back is served by a replica only if the replica has
 * replayed that position, else by the primary; a value that is not a WAL position sends
 * the read to the primary.</li>
 * <li>A read whose replica connection failed (the replica went away) before the answer
 * began is run once more, on the primary: reads change nothing, so running one twice is
 * safe.</li>
 * </ul>
 * Readiness, the dashboard ({@code /api/ops}) and everything outside {@code /api/} use
 * the primary.
 */
final class ReadRoutingFilter implements WebFilter, Ordered {

	/** The consistency token's header, in write answers and read requests. */
	public static final String HEADER = "Inkwell-Consistency";

	private final Replicas replicas;

	ReadRoutingFilter(Replicas replicas) {
		this.replicas = replicas;
	}

	@Override
	public int getOrder() {
		// before the security filters and the public fast path, which may answer at once
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		// the dashboard describes the primary (and may create pg_stat_statements there)
		if (!path.startsWith("/api/") || path.startsWith("/api/ops")) {
			return chain.filter(exchange);
		}
		HttpMethod method = exchange.getRequest().getMethod();
		if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
			return read(exchange, chain);
		}
		if (HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.PATCH.equals(method)
				|| HttpMethod.DELETE.equals(method)) {
			ServerHttpResponse response = exchange.getResponse();
			response.beforeCommit(() -> {
				HttpStatusCode status = response.getStatusCode();
				if (status == null || !status.is2xxSuccessful()) {
					return Mono.empty();
				}
				return this.replicas.primaryPosition()
					.doOnNext((position) -> response.getHeaders().set(HEADER, Replicas.formatPosition(position)))
					.onErrorResume((ex) -> Mono.empty())
					.then();
			});
		}
		return chain.filter(exchange);
	}

	private Mono<Void> read(ServerWebExchange exchange, WebFilterChain chain) {
		String token = exchange.getRequest().getHeaders().getFirst(HEADER);
		long minPosition = -1;
		boolean unreadable = false;
		if (token != null) {
			try {
				minPosition = Replicas.parsePosition(token.strip());
			}
			catch (RuntimeException ex) {
				unreadable = true;
			}
		}
		ReadIntent intent = new ReadIntent(minPosition);
		intent.primaryOnly(unreadable);
		return chain.filter(exchange)
			.onErrorResume(
					(ex) -> intent.servedByReplica() && !exchange.getResponse().isCommitted() && connectionFailure(ex),
					(ex) -> {
						intent.primaryOnly(true);
						return chain.filter(exchange);
					})
			.contextWrite((context) -> context.put(ReadIntent.class, intent));
	}

	/**
	 * Whether the error says the connection went away (not a statement's own failure,
	 * such as a statement timeout).
	 */
	static boolean connectionFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof R2dbcException r2dbc && "57014".equals(r2dbc.getSqlState())) {
				return false;
			}
			if (cause instanceof R2dbcNonTransientResourceException || cause instanceof R2dbcTransientResourceException
					|| cause instanceof DataAccessResourceFailureException || cause instanceof IOException) {
				return true;
			}
		}
		return false;
	}

}
