package io.inkwell.db;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.ValidationDepth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one connection pool of the process. Spring Boot's R2DBC auto-configuration backs off
 * because this bean exists; nothing else in the application creates connections.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

	@Bean
	DatabaseUrl databaseUrl(DbProperties properties) {
		return DatabaseUrl.parse(properties.url());
	}

	// dispose(), not close(): close() returns a Mono that Spring would never subscribe to
	@Bean(destroyMethod = "dispose")
	ConnectionPool connectionPool(DatabaseUrl url, DbProperties properties) {
		PostgresqlConnectionConfiguration.Builder driver = PostgresqlConnectionConfiguration.builder()
			.host(url.host())
			.port(url.port())
			.database(url.database())
			.username((url.user() != null) ? url.user() : "postgres")
			.applicationName(url.applicationName())
			.connectTimeout(url.connectTimeout())
			.sslMode(SSLMode.fromValue(url.sslMode()))
			.tcpKeepAlive(true)
			.schema(url.schema())
			.preparedStatementCacheQueries(url.pgbouncer() ? 0 : properties.preparedStatementCacheSize());
		if (url.password() != null) {
			driver.password(url.password());
		}
		if (!url.statementTimeout().isZero()) {
			driver.statementTimeout(url.statementTimeout());
		}
		ConnectionPoolConfiguration pool = ConnectionPoolConfiguration
			.builder(new PostgresqlConnectionFactory(driver.build()))
			.name("inkwell")
			.initialSize(0)
			.minIdle(0)
			.maxSize(url.connectionLimit())
			.maxAcquireTime(url.poolTimeout())
			.maxCreateConnectionTime(url.connectTimeout())
			.maxIdleTime(properties.maxIdleTime())
			.maxLifeTime(properties.maxLifeTime())
			.maxValidationTime(properties.maxValidationTime())
			.validationDepth(ValidationDepth.LOCAL)
			.build();
		return new ConnectionPool(pool);
	}

}
