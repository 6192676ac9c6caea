package io.inkwell.netty;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The process's event loops, made by Reactor Netty's {@link LoopResources#create}: one
 * group for the HTTP server, one for the database connections ({@link DatabaseLoops},
 * used by the connection factory), and a thread that only accepts new HTTP connections
 * ({@link EventLoopProperties#accept()}; with 0 the HTTP loops accept them). Reactor
 * Netty picks the transport (epoll on Linux, else NIO) and names the threads
 * {@code <prefix>-<transport>-<n>}, the accepting ones
 * {@code <prefix>-select-<transport>-<n>}. Spring Boot's own
 * {@code ReactorResourceFactory} backs off because this one exists; it creates the HTTP
 * loops when the server starts and shuts them down after the server has stopped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventLoopProperties.class)
class EventLoopConfig {

	private static final Logger logger = LoggerFactory.getLogger(EventLoopConfig.class);

	@Bean
	ReactorResourceFactory reactorResourceFactory(EventLoopProperties properties) {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		factory.setLoopResourcesSupplier(() -> loops("inkwell-http", properties.accept(), properties.httpThreads()));
		return factory;
	}

	// disposed after the connection pool, which depends on it
	@Bean(destroyMethod = "close")
	DatabaseLoops databaseLoops(EventLoopProperties properties) {
		logger.info("Event loops ({}): {} HTTP, {} accepting, {} database",
				LoopResources.hasNativeSupport() ? "native transport" : "NIO", properties.httpThreads(),
				properties.accept(), properties.databaseThreads());
		return new DatabaseLoops(loops("inkwell-db", 0, properties.databaseThreads()));
	}

	/** Daemon loops; with no accepting threads the workers accept server connections. */
	static LoopResources loops(String prefix, int acceptThreads, int workerThreads) {
		return (acceptThreads > 0) ? LoopResources.create(prefix, acceptThreads, workerThreads, true)
				: LoopResources.create(prefix, workerThreads, true);
	}

}
