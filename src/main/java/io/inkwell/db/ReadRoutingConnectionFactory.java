package io.inkwell.db;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.r2dbc.connection.lookup.AbstractRoutingConnectionFactory;
import org.springframework.transaction.reactive.TransactionContext;

import java.util.HashMap;
import java.util.Map;

/**
 * Spring's routing connection factory keyed by the request's {@link ReadIntent} in the
 * Reactor context: a read that {@link ReadRoutingFilter} marked, outside any transaction,
 * gets a connection of a healthy replica that has replayed the read's consistency token;
 * everything else gets the primary (the default target). Inside a transaction
 * ({@code TransactionalOperator} puts a {@link TransactionContext} in the context) the
 * answer is always the primary, so the transaction manager, which binds the connection it
 * got here, never begins a transaction on a replica. A replica whose connection cannot be
 * had (down, pool exhausted) is left for the primary at once.
 */
final class ReadRoutingConnectionFactory extends AbstractRoutingConnectionFactory {

	private final ConnectionPool primary;

	private final Replicas replicas;

	ReadRoutingConnectionFactory(ConnectionPool primary, Replicas replicas) {
		this.primary = primary;
		this.replicas = replicas;
		Map<Object, Object> targets = new HashMap<>();
		targets.put(Replicas.PRIMARY, primary);
		for (Replica replica : replicas.all()) {
			targets.put(replica.name(), replica.pool());
		}
		setTargetConnectionFactories(targets);
		setDefaultTargetConnectionFactory(primary);
		afterPropertiesSet();
	}

	@Override
	protected Mono<Object> determineCurrentLookupKey() {
		return Mono.deferContextual((context) -> {
			ReadIntent intent = readIntent(context);
			if (intent == null) {
				return Mono.empty();
			}
			return this.replicas.choose(intent.minPosition())
				.map((replica) -> (Object) replica.name())
				.defaultIfEmpty(Replicas.PRIMARY)
				.doOnNext((target) -> {
					intent.servedBy((String) target);
					this.replicas.countRead((String) target);
				});
		});
	}

	@Override
	public Mono<Connection> create() {
		return super.create().onErrorResume((ex) -> Mono.deferContextual((context) -> {
			ReadIntent intent = readIntent(context);
			if (intent == null || !intent.servedByReplica()) {
				return Mono.error(ex);
			}
			intent.servedBy(Replicas.PRIMARY);
			this.replicas.countRead(Replicas.PRIMARY);
			return Mono.from(this.primary.create());
		}));
	}

	/** The read's intent, or null when it must go to the primary. */
	private static ReadIntent readIntent(ContextView context) {
		if (!context.hasKey(ReadIntent.class) || context.hasKey(TransactionContext.class)) {
			return null;
		}
		ReadIntent intent = context.get(ReadIntent.class);
		return intent.primaryOnly() ? null : intent;
	}

}
