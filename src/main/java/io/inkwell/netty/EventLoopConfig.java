package io.inkwell.netty;

import reactor.netty.resources.LoopResources;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The process's event loops: one group for the HTTP server, one for the database connections
 * ({@link DatabaseLoops}, used by the connection factory). Spring Boot's own
 * {@code ReactorResourceFactory} backs off because this one exists; it creates the HTTP group when
 * the server starts and shuts it down after the server has stopped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventLoopProperties.class)
class EventLoopConfig {

	@Bean
	ReactorResourceFactory reactorResourceFactory(EventLoopProperties properties) {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		factory.setLoopResourcesSupplier(() -> LoopResources.create("inkwell-http", properties.httpThreads(), true));
		return factory;
	}

	// disposed after the connection pool, which depends on it
	@Bean(destroyMethod = "close")
	DatabaseLoops databaseLoops(EventLoopProperties properties) {
		return new DatabaseLoops(LoopResources.create("inkwell-db", properties.databaseThreads(), true));
	}

}
