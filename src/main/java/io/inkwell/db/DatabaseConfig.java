package io.inkwell.db;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.inkwell.netty.DatabaseLoops;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import reactor.pool.PoolMetricsRecorder;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The connection pool of the process (the primary), and one per read replica when
 * {@code DATABASE_REPLICA_URLS} names any. Spring Boot's R2DBC auto-configuration backs
 * off because these beans exist; nothing else in the application creates connections.
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

	// closed by connectionPoolCloser, which waits for it; Spring must not call close() (a
	// Mono) itself
	@Bean(destroyMethod = "")
	ConnectionPool connectionPool(DatabaseLoops loops, DatabaseUrl url, DbProperties properties,
			ObjectProvider<StatementListener> listeners, ObjectProvider<PoolMetricsRecorder> recorders) {
		return pool("inkwell", url, loops, properties, listeners.orderedStream().toList(), recorders.getIfAvailable());
	}

	/**
	 * The read replicas' pools ({@code DATABASE_REPLICA_URLS}), each bounded by its own
	 * URL's {@code connection_limit}; none configured: an empty set and no routing.
	 */
	@Bean
	Replicas replicas(DatabaseLoops loops, DbProperties properties, ReplicaProperties replicaProperties,
			ObjectProvider<StatementListener> listeners, ConnectionPool primary,
			ObjectProvider<MeterRegistry> registry) {
		List<Replica> replicas = new ArrayList<>();
		List<DatabaseUrl> urls = replicaProperties.urls();
		for (int i = 0; i < urls.size(); i++) {
			String name = "replica-" + (i + 1);
			replicas.add(new Replica(name,
					pool("inkwell-" + name, urls.get(i), loops, properties, listeners.orderedStream().toList(), null)));
		}
		return new Replicas(replicas, primary, replicaProperties, registry.getIfAvailable());
	}

	/**
	 * With replicas, the connection factory of DatabaseClient and the transaction
	 * manager: the primary pool, or a replica for reads marked by
	 * {@link ReadRoutingFilter}.
	 */
	@Bean
	@Primary
	@Conditional(ReplicasConfigured.class)
	ReadRoutingConnectionFactory readRoutingConnectionFactory(ConnectionPool primary, Replicas replicas) {
		return new ReadRoutingConnectionFactory(primary, replicas);
	}

	@Bean
	@Conditional(ReplicasConfigured.class)
	ReadRoutingFilter readRoutingFilter(Replicas replicas) {
		return new ReadRoutingFilter(replicas);
	}

	private static ConnectionPool pool(String name, DatabaseUrl url, DatabaseLoops loops, DbProperties properties,
			List<StatementListener> listeners, PoolMetricsRecorder recorder) {
		PostgresqlConnectionConfiguration.Builder driver = PostgresqlConnectionConfiguration.builder()
			.host(url.host())
			.port(url.port())
			.database(url.database())
			.username((url.user() != null) ? url.user() : "postgres")
			.applicationName(url.applicationName())
			.connectTimeout(url.connectTimeout().isZero() ? null : url.connectTimeout())
			.sslMode(SSLMode.fromValue(url.sslMode()))
			// each new TLS connection builds an SSL context; with the default NativePRNG
			// that reads
			// /dev/urandom on the event loop. A DRBG seeded here, at start-up, keeps it
			// off the loop.
			.sslContextBuilderCustomizer((ssl) -> ssl.secureRandom(TLS_RANDOM))
			.tcpKeepAlive(true)
			// binary result format: a timestamptz is 8 bytes, cheaper than parsing text
			// timestamps
			.forceBinary(true)
			.preparedStatementCacheQueries(url.pgbouncer() ? 0 : properties.preparedStatementCacheSize())
			// the connections live on their own loops, not on Reactor Netty's global TCP
			// loops
			.loopResources(loops.resources());
		if (url.password() != null) {
			driver.password(url.password());
		}
		// start-up options; PgBouncer refuses start-up parameters it does not track, so
		// behind it they come from the role instead (PgBouncerSettingsCheck warns when
		// they differ)
		if (!url.pgbouncer()) {
			driver.schema(url.schema());
			Duration statementTimeout = properties.statementTimeout(url);
			if (!statementTimeout.isZero()) {
				driver.statementTimeout(statementTimeout);
			}
		}
		ConnectionFactory connections = new PostgresqlConnectionFactory(driver.build());
		// under the pool, so the statement listeners see every statement on every
		// connection; with
		// none (inkwell.db.query-metrics=false) it still marks connections with a
		// cancelled statement
		connections = new ObservedConnectionFactory(connections, listeners);
		ConnectionPoolConfiguration.Builder pool = ConnectionPoolConfiguration.builder(connections)
			// a connection whose statement was cancelled comes back once that statement
			// is over
			.preRelease(ObservedConnectionFactory::drainCancelled)
			.name(name)
			.initialSize(0)
			.minIdle(0)
			.maxSize(url.connectionLimit())
			// pool_timeout=0 means "fail at once"; a zero Duration would mean something
			// else to the pool
			.maxAcquireTime(url.poolTimeout().isZero() ? Duration.ofMillis(1) : url.poolTimeout())
			.maxIdleTime(properties.maxIdleTime())
			.maxLifeTime(properties.maxLifeTime())
			// the driver's own check (is the socket open) answers at once; a timeout
			// would only put
			// a timer on the parallel scheduler for every acquire (a thread wake-up per
			// request)
			.maxValidationTime(properties.validationQuery().isBlank() ? ConnectionPoolConfiguration.NO_TIMEOUT
					: properties.maxValidationTime())
			.validationDepth(ValidationDepth.LOCAL)
			.registerJmx(false)
			// r2dbc-pool's maxAcquireTime does not cut short a connection that is still
			// being
			// opened: each attempt is bounded by connect_timeout only, and a retry
			// doubles that.
			// Without retries a dead database answers within max(pool_timeout,
			// connect_timeout).
			.acquireRetry(0)
			// reactor-pool refuses the acquire at once past this many waiters: a memory
			// backstop far
			// above what the HTTP admission gate (netty.Admission) lets through
			.customizer((builder) -> builder.maxPendingAcquire(properties.maxPendingAcquires()));
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
	 * Closes the pool at shutdown and waits (on the closing thread, never an event loop)
	 * until every connection has sent its Terminate and closed its socket, so that no
	 * backend of this process outlives it; {@code dispose()} alone returns before that.
	 */
	@Bean
	DisposableBean connectionPoolCloser(ConnectionPool pool, Replicas replicas) {
		return () -> {
			replicas.close();
			try {
				pool.close().block(Duration.ofSeconds(10));
			}
			finally {
				pool.dispose();
			}
		};
	}

	/** Whether {@code inkwell.db.replica-urls} names at least one replica. */
	static final class ReplicasConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !context.getEnvironment().getProperty("inkwell.db.replica-urls", "").isBlank();
		}

	}

}
