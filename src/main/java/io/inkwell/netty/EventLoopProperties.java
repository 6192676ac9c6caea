package io.inkwell.netty;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many event-loop threads serve HTTP, how many serve the database connections and how many
 * only accept HTTP connections, bound from {@code inkwell.event-loops.*}. For the first two, 0
 * (the default) means half the CPUs the JVM sees, at least one, so that the two groups together
 * have one thread per CPU (Reactor Netty's own default is at least four per group; README,
 * Benchmarks).
 *
 * @param http threads of the HTTP server
 * @param database threads that the pooled PostgreSQL connections live on
 * @param accept threads that only accept new HTTP connections and hand them to the HTTP loops; 0
 * (the default): the HTTP loops accept them between rounds of request work. One such thread
 * keeps up with a burst of new connections (by-id runs that open 1000 connections at once: the
 * slowest answer after 278-393 ms instead of 490-1,138 ms), but in steady load on 2 CPUs it cost
 * up to 15-20% more CPU per request in some runs (7-12% on average, not explained), so it is for
 * deployments whose clients connect in bursts (README, Benchmarks)
 */
@Validated
@ConfigurationProperties("inkwell.event-loops")
public record EventLoopProperties(@DefaultValue("0") @Min(0) int http, @DefaultValue("0") @Min(0) int database,
		@DefaultValue("0") @Min(0) int accept) {

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
