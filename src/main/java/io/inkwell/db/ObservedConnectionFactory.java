package io.inkwell.db;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * A connection factory that times every statement and tells the
 * {@link StatementListener}s, with the caller's Reactor context. Plain delegating
 * classes, no reflection and no wrapper per row: cheaper than r2dbc-proxy's dynamic
 * proxies.
 * <p>
 * A statement's time runs from the subscription to {@code execute()} until its results
 * publisher has terminated and each result it emitted has been read to the end (or
 * cancelled). Listeners are told before the last of those signals travels on, so a caller
 * that has its rows has been counted. Batches ({@code createBatch}) pass through untimed:
 * the application sends none.
 * <p>
 * It also remembers when a caller cancelled a statement before its results were read to
 * the end. The driver then keeps the statement running and throws its rows away, but
 * r2dbc-pool takes the connection back at once: without {@link #drainCancelled} (the
 * pool's {@code preRelease}) the next request's statement would queue behind it, and a
 * storm of cancelled requests piles up statements on a connection until the driver
 * refuses more ("request queue limit exceeded").
 */
final class ObservedConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {

	private final ConnectionFactory delegate;

	private final StatementListener[] listeners;

	ObservedConnectionFactory(ConnectionFactory delegate, List<StatementListener> listeners) {
		this.delegate = delegate;
		this.listeners = listeners.toArray(StatementListener[]::new);
	}

	@Override
	public Publisher<? extends Connection> create() {
		return Mono.from(this.delegate.create()).map(ObservedConnection::new);
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.delegate.getMetadata();
	}

	@Override
	public ConnectionFactory unwrap() {
		return this.delegate;
	}

	/**
	 * The pool's {@code preRelease}: a connection on which a statement was cancelled
	 * before its end goes back to the pool only once a round trip
	 * ({@code validate(REMOTE)}, which the driver queues behind the cancelled statement)
	 * has come back; if that fails, the pool discards the connection. Every other
	 * connection goes back at once.
	 */
	static Mono<Void> drainCancelled(Connection connection) {
		// test-and-clear in one step: a cancel that lands while this runs is not lost
		if (connection instanceof ObservedConnection observed && observed.cancelled.compareAndSet(true, false)) {
			return Mono.from(observed.validate(ValidationDepth.REMOTE))
				.flatMap((valid) -> valid ? Mono.<Void>empty() : Mono
					.error(new IllegalStateException("connection did not answer after a cancelled statement")));
		}
		return Mono.empty();
	}

	/**
	 * One run of a statement. It is over when its results publisher has terminated and
	 * every result it emitted has been consumed (its rows read, its count taken) or
	 * cancelled: the driver emits a result before its rows arrive.
	 */
	private final class Execution {

		private final ObservedConnection connection;

		private final String sql;

		private final ContextView context;

		private final long start = System.nanoTime();

		// the results publisher itself, plus one per emitted result not yet consumed
		private final AtomicInteger pending = new AtomicInteger();

		Execution(ObservedConnection connection, String sql, ContextView context) {
			this.connection = connection;
			this.sql = sql;
			this.context = context;
		}

		Slot open() {
			this.pending.incrementAndGet();
			return new Slot(this);
		}

		void cancelled() {
			this.connection.cancelled.set(true);
		}

		void release() {
			if (this.pending.decrementAndGet() == 0) {
				StatementListener.ExecutedStatement executed = new StatementListener.ExecutedStatement(this.sql,
						Duration.ofNanos(System.nanoTime() - this.start), this.context);
				for (StatementListener listener : ObservedConnectionFactory.this.listeners) {
					listener.afterStatement(executed);
				}
			}
		}

	}

	/**
	 * The share of the results publisher or of one result in its execution, released
	 * once, whichever signal comes first (completion, error, cancel); a cancel that comes
	 * first marks the connection.
	 */
	private static final class Slot extends AtomicBoolean {

		private final transient Execution execution;

		Slot(Execution execution) {
			this.execution = execution;
		}

		void release() {
			if (compareAndSet(false, true)) {
				this.execution.release();
			}
		}

		void cancel() {
			if (compareAndSet(false, true)) {
				this.execution.cancelled();
				this.execution.release();
			}
		}

	}

	private static final class ObservedResult implements Result, Wrapped<Result> {

		private final Result result;

		private final Slot slot;

		ObservedResult(Result result, Slot slot) {
			this.result = result;
			this.slot = slot;
		}

		@Override
		public Publisher<Long> getRowsUpdated() {
			return Mono.from(this.result.getRowsUpdated())
				.doOnTerminate(this.slot::release)
				.doOnCancel(this.slot::cancel);
		}

		@Override
		public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
			return Flux.<T>from(this.result.map(mapping))
				.doOnTerminate(this.slot::release)
				.doOnCancel(this.slot::cancel);
		}

		@Override
		public <T> Publisher<T> map(Function<? super Readable, ? extends T> mapping) {
			return Flux.<T>from(this.result.map(mapping))
				.doOnTerminate(this.slot::release)
				.doOnCancel(this.slot::cancel);
		}

		@Override
		public Result filter(Predicate<Segment> filter) {
			return new ObservedResult(this.result.filter(filter), this.slot);
		}

		@Override
		public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mapping) {
			return Flux.<T>from(this.result.flatMap(mapping))
				.doOnTerminate(this.slot::release)
				.doOnCancel(this.slot::cancel);
		}

		@Override
		public Result unwrap() {
			return this.result;
		}

	}

	private final class ObservedConnection implements Connection, Wrapped<Connection> {

		private final Connection connection;

		// a statement on this connection was cancelled before its end (see
		// drainCancelled)
		private final AtomicBoolean cancelled = new AtomicBoolean();

		ObservedConnection(Connection connection) {
			this.connection = connection;
		}

		@Override
		public Statement createStatement(String sql) {
			return new ObservedStatement(this, this.connection.createStatement(sql), sql);
		}

		@Override
		public Publisher<Void> beginTransaction() {
			return this.connection.beginTransaction();
		}

		@Override
		public Publisher<Void> beginTransaction(TransactionDefinition definition) {
			return this.connection.beginTransaction(definition);
		}

		@Override
		public Publisher<Void> close() {
			return this.connection.close();
		}

		@Override
		public Publisher<Void> commitTransaction() {
			return this.connection.commitTransaction();
		}

		@Override
		public Batch createBatch() {
			return this.connection.createBatch();
		}

		@Override
		public Publisher<Void> createSavepoint(String name) {
			return this.connection.createSavepoint(name);
		}

		@Override
		public boolean isAutoCommit() {
			return this.connection.isAutoCommit();
		}

		@Override
		public ConnectionMetadata getMetadata() {
			return this.connection.getMetadata();
		}

		@Override
		public IsolationLevel getTransactionIsolationLevel() {
			return this.connection.getTransactionIsolationLevel();
		}

		@Override
		public Publisher<Void> releaseSavepoint(String name) {
			return this.connection.releaseSavepoint(name);
		}

		@Override
		public Publisher<Void> rollbackTransaction() {
			return this.connection.rollbackTransaction();
		}

		@Override
		public Publisher<Void> rollbackTransactionToSavepoint(String name) {
			return this.connection.rollbackTransactionToSavepoint(name);
		}

		@Override
		public Publisher<Void> setAutoCommit(boolean autoCommit) {
			return this.connection.setAutoCommit(autoCommit);
		}

		@Override
		public Publisher<Void> setLockWaitTimeout(Duration timeout) {
			return this.connection.setLockWaitTimeout(timeout);
		}

		@Override
		public Publisher<Void> setStatementTimeout(Duration timeout) {
			return this.connection.setStatementTimeout(timeout);
		}

		@Override
		public Publisher<Void> setTransactionIsolationLevel(IsolationLevel isolationLevel) {
			return this.connection.setTransactionIsolationLevel(isolationLevel);
		}

		@Override
		public Publisher<Boolean> validate(ValidationDepth depth) {
			return this.connection.validate(depth);
		}

		@Override
		public Connection unwrap() {
			return this.connection;
		}

	}

	private final class ObservedStatement implements Statement, Wrapped<Statement> {

		private final ObservedConnection connection;

		private final Statement statement;

		private final String sql;

		ObservedStatement(ObservedConnection connection, Statement statement, String sql) {
			this.connection = connection;
			this.statement = statement;
			this.sql = sql;
		}

		@Override
		public Publisher<? extends Result> execute() {
			Publisher<? extends Result> results = this.statement.execute();
			return Flux.deferContextual((context) -> {
				Execution execution = new Execution(this.connection, this.sql, context);
				Slot publisher = execution.open();
				return Flux.from(results)
					.<Result>map((result) -> new ObservedResult(result, execution.open()))
					.doOnTerminate(publisher::release)
					.doOnCancel(publisher::cancel);
			});
		}

		@Override
		public Statement add() {
			this.statement.add();
			return this;
		}

		@Override
		public Statement bind(int index, Object value) {
			this.statement.bind(index, value);
			return this;
		}

		@Override
		public Statement bind(String name, Object value) {
			this.statement.bind(name, value);
			return this;
		}

		@Override
		public Statement bindNull(int index, Class<?> type) {
			this.statement.bindNull(index, type);
			return this;
		}

		@Override
		public Statement bindNull(String name, Class<?> type) {
			this.statement.bindNull(name, type);
			return this;
		}

		@Override
		public Statement returnGeneratedValues(String... columns) {
			this.statement.returnGeneratedValues(columns);
			return this;
		}

		@Override
		public Statement fetchSize(int rows) {
			this.statement.fetchSize(rows);
			return this;
		}

		@Override
		public Statement unwrap() {
			return this.statement;
		}

	}

}
