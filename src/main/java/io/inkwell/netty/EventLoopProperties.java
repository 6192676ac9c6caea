package io.inkwell.netty;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many event-loop threads serve HTTP and how many serve the database connections, bound from
 * {@code inkwell.event-loops.*}. 0 (the default) means half the CPUs the JVM sees, at least one,
 * so that the two groups together have one thread per CPU (Reactor Netty's own default is at
 * least four per group; README, Benchmarks).
 *
 * @param http threads of the HTTP server
 * @param database threads that the pooled PostgreSQL connections live on
 */
@Validated
@ConfigurationProperties("inkwell.event-loops")
public record EventLoopProperties(@DefaultValue("0") @Min(0) int http, @DefaultValue("0") @Min(0) int database) {

	public int httpThreads() {
		return resolve(this.http, Runtime.getRuntime().availableProcessors());
	}

	public int databaseThreads() {
		return resolve(this.database, Runtime.getRuntime().availableProcessors());
	}

	static int resolve(int configured, int cpus) {
		return (configured > 0) ? configured : Math.max(1, cpus / 2);
	}

}
