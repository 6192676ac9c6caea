package io.inkwell.netty;

import reactor.netty.resources.LoopResources;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The process's event loops: one group for the HTTP server, one for the database connections
 * ({@link DatabaseLoops}, used by the connection factory), and a thread that only accepts new
 * HTTP connections ({@link EventLoopProperties#accept()}; with 0 the HTTP loops accept them).
 * Spring Boot's own {@code ReactorResourceFactory} backs off because this one exists; it creates
 * the HTTP loops when the server starts and shuts them down after the server has stopped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventLoopProperties.class)
class EventLoopConfig {

	@Bean
	ReactorResourceFactory reactorResourceFactory(EventLoopProperties properties) {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		factory.setLoopResourcesSupplier(() -> (properties.accept() > 0)
				// accepting threads of their own (the default): "inkwell-http-select-…"
				? LoopResources.create("inkwell-http", properties.accept(), properties.httpThreads(), true)
				: LoopResources.create("inkwell-http", properties.httpThreads(), true));
		return factory;
	}

	// disposed after the connection pool, which depends on it
	@Bean(destroyMethod = "close")
	DatabaseLoops databaseLoops(EventLoopProperties properties) {
		return new DatabaseLoops(LoopResources.create("inkwell-db", properties.databaseThreads(), true));
	}

}
