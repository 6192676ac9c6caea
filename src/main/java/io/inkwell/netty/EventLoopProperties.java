package io.inkwell.netty;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many event-loop threads serve HTTP, how many serve the database connections and how
 * many only accept HTTP connections, bound from {@code inkwell.event-loops.*}. For the
 * first two, 0 (the default) means half the CPUs the JVM sees, at least one, so that the
 * two groups together have one thread per CPU (Reactor Netty's own default is at least
 * four per group).
 *
 * @param http threads of the HTTP server
 * @param database threads that the pooled PostgreSQL connections live on
 * @param accept threads that only accept new HTTP connections and hand them to the HTTP
 * loops (default 1); 0: the HTTP loops accept them between rounds of request work, which
 * with few HTTP loops leaves a burst of new connections waiting to be accepted
 */
@Validated
@ConfigurationProperties("inkwell.event-loops")
public record EventLoopProperties(@DefaultValue("0") @Min(0) int http, @DefaultValue("0") @Min(0) int database,
		@DefaultValue("1") @Min(0) int accept) {

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
