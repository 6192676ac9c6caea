package io.inkwell.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * The process's event-loop threads, shared by the HTTP server and the database connections: one
 * thread per CPU by default. A request arrives on one of these threads, takes a connection that
 * lives on the same thread ({@link LoopAffinePool}), writes its query, reads the rows and writes
 * the HTTP response without handing work to another thread. With separate thread groups for HTTP
 * and the driver, every request crossed threads twice (a task queued on the other loop and a
 * wake-up of its thread), and more threads than CPUs took turns on them.
 */
public final class EventLoops implements AutoCloseable {

	/** Thread name prefix: the threads are {@code inkwell-epoll-1} … (or {@code -nio-} without epoll). */
	static final String PREFIX = "inkwell";

	private final LoopResources resources;

	private final EventLoop[] loops;

	private EventLoops(LoopResources resources) {
		this.resources = resources;
		List<EventLoop> found = new ArrayList<>();
		// the same group (native when available) that Reactor Netty's HTTP server runs on
		EventLoopGroup group = resources.onServer(LoopResources.DEFAULT_NATIVE);
		for (EventExecutor executor : group) {
			found.add((EventLoop) executor);
		}
		this.loops = found.toArray(EventLoop[]::new);
	}

	/**
	 * Starts {@code threads} event-loop threads (daemon threads, named {@value #PREFIX}-…).
	 * @param threads how many; 0 means one per available CPU
	 * @return the started loops
	 */
	public static EventLoops start(int threads) {
		int count = (threads > 0) ? threads : Runtime.getRuntime().availableProcessors();
		return new EventLoops(LoopResources.create(PREFIX, count, true));
	}

	/** The loops for Reactor Netty (the HTTP server runs on them). */
	public LoopResources resources() {
		return this.resources;
	}

	/** How many loops there are. */
	public int size() {
		return this.loops.length;
	}

	/** The loop at {@code index}, {@code 0 <= index < size()}. */
	EventLoop get(int index) {
		return this.loops[index];
	}

	/** The index of the loop whose thread is calling, or -1 when it is not one of ours. */
	int indexOfCurrentThread() {
		for (int i = 0; i < this.loops.length; i++) {
			if (this.loops[i].inEventLoop()) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Loop resources that put every channel on the loop at {@code index}: the driver opens a
	 * connection of that loop's partition with it. Their lifecycle is this object's.
	 */
	LoopResources pinnedTo(int index) {
		return new Pinned(this.loops[index]);
	}

	/**
	 * Shuts the loops down, waiting for them to finish. Called after the server has stopped and
	 * the pool is closed, so there is nothing left to run: no quiet period.
	 */
	@Override
	public void close() {
		this.resources.disposeLater(Duration.ZERO, Duration.ofSeconds(10)).block(Duration.ofSeconds(15));
	}

	/** One loop as a whole {@link LoopResources}; disposing it is left to {@link EventLoops}. */
	private record Pinned(EventLoop loop) implements LoopResources {

		@Override
		public EventLoopGroup onServer(boolean useNative) {
			return this.loop;
		}

		@Override
		public EventLoopGroup onClient(boolean useNative) {
			return this.loop;
		}

		@Override
		public Mono<Void> disposeLater() {
			return Mono.empty();
		}

		@Override
		public void dispose() {
		}

		@Override
		public boolean isDisposed() {
			return this.loop.isShuttingDown();
		}

	}

}
