package io.inkwell.db;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import io.micrometer.core.instrument.binder.MeterBinder;
import reactor.netty.resources.LoopResources;
import reactor.pool.PoolMetricsRecorder;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The event loops and the one connection pool of the process. Spring Boot's R2DBC
 * auto-configuration backs off because the pool exists; nothing else in the application creates
 * connections. The HTTP server runs on the same loops as the connections ({@link EventLoops},
 * {@link LoopAffinePool}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

	private static final SecureRandom TLS_RANDOM = seededRandom();

	@Bean
	DatabaseUrl databaseUrl(DbProperties properties) {
		return DatabaseUrl.parse(properties.url());
	}

	private static SecureRandom seededRandom() {
		try {
			SecureRandom random = SecureRandom.getInstance("DRBG");
			random.nextBytes(new byte[32]);
			return random;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("no DRBG SecureRandom in this JVM", ex);
		}
	}

	// closed last, by EventLoops.close(), after the server and the pool
	@Bean(destroyMethod = "close")
	EventLoops eventLoops(DbProperties properties) {
		return EventLoops.start(properties.eventLoops());
	}

	/** Reactor Netty's HTTP server (and any WebClient) runs on {@link EventLoops}. */
	@Bean
	ReactorResourceFactory reactorResourceFactory(EventLoops loops) {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		factory.setLoopResources(loops.resources());
		return factory;
	}

	/**
	 * One partition per event loop (fewer when {@code connection_limit} is smaller than the number
	 * of loops), each with its share of {@code connection_limit} and of the admission bound.
	 */
	// closed by connectionPoolCloser, which waits for it; Spring must not call close() (a Mono) itself
	@Bean(destroyMethod = "")
	LoopAffinePool connectionPool(EventLoops loops, DatabaseUrl url, DbProperties properties,
			ObjectProvider<StatementListener> listeners, ObjectProvider<PoolMetricsRecorder> recorders) {
		int count = Math.min(loops.size(), url.connectionLimit());
		List<StatementListener> observers = listeners.orderedStream().toList();
		PoolMetricsRecorder recorder = recorders.getIfAvailable();
		List<ConnectionPool> partitions = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			partitions.add(partition(url, properties, observers, recorder, loops.pinnedTo(i),
					LoopAffinePool.share(url.connectionLimit(), count, i),
					Math.max(1, LoopAffinePool.share(properties.maxPendingAcquires(), count, i))));
		}
		return new LoopAffinePool(loops, partitions);
	}

	/** The pool's gauges, named as Spring Boot names those of an r2dbc-pool ({@code r2dbc.pool.*}). */
	@Bean
	MeterBinder connectionPoolMeters(LoopAffinePool pool) {
		return new ConnectionPoolMeters(pool, "inkwell");
	}

	private static ConnectionPool partition(DatabaseUrl url, DbProperties properties,
			List<StatementListener> observers, PoolMetricsRecorder recorder, LoopResources loop, int maxSize,
			int maxPending) {
		PostgresqlConnectionConfiguration.Builder driver = PostgresqlConnectionConfiguration.builder()
			.host(url.host())
			.port(url.port())
			.database(url.database())
			.username((url.user() != null) ? url.user() : "postgres")
			.applicationName(url.applicationName())
			.connectTimeout(url.connectTimeout().isZero() ? null : url.connectTimeout())
			.sslMode(SSLMode.fromValue(url.sslMode()))
			// each new TLS connection builds an SSL context; with the default NativePRNG that reads
			// /dev/urandom on the event loop. A DRBG seeded here, at start-up, keeps it off the loop.
			.sslContextBuilderCustomizer((ssl) -> ssl.secureRandom(TLS_RANDOM))
			.tcpKeepAlive(true)
			// binary result format: a timestamptz is 8 bytes instead of text that the driver parsed
			// with a DateTimeFormatter (a fifth of the CPU of GET /api/posts; README, Benchmarks)
			.forceBinary(true)
			.schema(url.schema())
			.preparedStatementCacheQueries(url.pgbouncer() ? 0 : properties.preparedStatementCacheSize())
			// the connection lives on its partition's event loop
			.loopResources(loop);
		if (url.password() != null) {
			driver.password(url.password());
		}
		if (!url.statementTimeout().isZero()) {
			driver.statementTimeout(url.statementTimeout());
		}
		ConnectionFactory connections = new PostgresqlConnectionFactory(driver.build());
		if (!observers.isEmpty()) {
			// statement listeners sit under the pool, so they see every statement on every connection
			connections = new ObservedConnectionFactory(connections, observers);
		}
		ConnectionPoolConfiguration.Builder pool = ConnectionPoolConfiguration.builder(connections)
			.name("inkwell")
			.initialSize(0)
			.minIdle(0)
			.maxSize(maxSize)
			// pool_timeout=0 means "fail at once"; a zero Duration would mean something else to the pool
			.maxAcquireTime(url.poolTimeout().isZero() ? Duration.ofMillis(1) : url.poolTimeout())
			.maxIdleTime(properties.maxIdleTime())
			.maxLifeTime(properties.maxLifeTime())
			// the driver's own check (is the socket open) answers at once; a timeout would only put
			// a timer on the parallel scheduler for every acquire (a thread wake-up per request)
			.maxValidationTime(properties.validationQuery().isBlank() ? ConnectionPoolConfiguration.NO_TIMEOUT
					: properties.maxValidationTime())
			.validationDepth(ValidationDepth.LOCAL)
			.registerJmx(false)
			// r2dbc-pool's maxAcquireTime does not cut short a connection that is still being
			// opened: each attempt is bounded by connect_timeout only, and a retry doubles that.
			// Without retries a dead database answers within max(pool_timeout, connect_timeout).
			.acquireRetry(0)
			// reactor-pool refuses the acquire at once past this many waiters: the admission bound
			.customizer((builder) -> builder.maxPendingAcquire(maxPending));
		if (!url.connectTimeout().isZero()) {
			pool.maxCreateConnectionTime(url.connectTimeout());
		}
		// e.g. the ops dashboard's timer of how long acquires wait for a free connection
		if (recorder != null) {
			pool.metricsRecorder(recorder);
		}
		if (!properties.validationQuery().isBlank()) {
			pool.validationQuery(properties.validationQuery());
		}
		return new ConnectionPool(pool.build());
	}

	/**
	 * Closes the pool at shutdown and waits (on the closing thread, never an event loop) until
	 * every connection has sent its Terminate and closed its socket, so that no backend of this
	 * process outlives it; {@code dispose()} alone returns before that.
	 */
	@Bean
	DisposableBean connectionPoolCloser(LoopAffinePool pool) {
		return () -> {
			try {
				pool.close().block(Duration.ofSeconds(10));
			}
			finally {
				pool.dispose();
			}
		};
	}

}
