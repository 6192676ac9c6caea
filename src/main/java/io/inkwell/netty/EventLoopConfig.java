package io.inkwell.netty;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The process's event loops: one group for the HTTP server, one for the database connections
 * ({@link DatabaseLoops}, used by the connection factory), and a thread that only accepts new
 * HTTP connections ({@link EventLoopProperties#accept()}; with 0 the HTTP loops accept them), all
 * on the configured {@link Transport} (epoll on Linux).
 * Spring Boot's own {@code ReactorResourceFactory} backs off because this one exists; it creates
 * the HTTP loops when the server starts and shuts them down after the server has stopped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventLoopProperties.class)
class EventLoopConfig {

	private static final Logger logger = LoggerFactory.getLogger(EventLoopConfig.class);

	@Bean
	ReactorResourceFactory reactorResourceFactory(EventLoopProperties properties) {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		// accepting threads of their own by default ("inkwell-http-select-…"); 0: the HTTP loops accept
		factory.setLoopResourcesSupplier(() -> TransportLoops.create("inkwell-http", properties.transport().resolve(),
				properties.accept(), properties.httpThreads()));
		return factory;
	}

	// disposed after the connection pool, which depends on it
	@Bean(destroyMethod = "close")
	DatabaseLoops databaseLoops(EventLoopProperties properties) {
		Transport transport = properties.transport().resolve();
		logger.info("Event loops on {} (inkwell.event-loops.transport={}): {} HTTP, {} accepting, {} database", transport.label(),
				properties.transport().label(), properties.httpThreads(), properties.accept(),
				properties.databaseThreads());
		return new DatabaseLoops(TransportLoops.create("inkwell-db", transport, 0, properties.databaseThreads()));
	}

}
