package io.inkwell.netty;

import java.time.Duration;

import reactor.netty.resources.LoopResources;

/**
 * The event loops the database connections live on, apart from the HTTP server's: a
 * connection's protocol work (encoding, decoding, row mapping) and the request's HTTP
 * work then run on different threads, and neither group has more threads than it can keep
 * busy.
 *
 * @param resources the loops, for the driver's {@code loopResources}
 */
public record DatabaseLoops(LoopResources resources) {

	/**
	 * Shuts the loops down once the pool has closed its connections (they are daemon
	 * threads).
	 */
	public void close() {
		this.resources.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
	}

}
