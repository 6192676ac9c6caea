package io.inkwell.netty;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.Future;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.NonBlocking;
import reactor.netty.resources.LoopResources;

/**
 * Event-loop groups on one {@link Transport}, with a fixed number of threads, and optionally a
 * group of its own that only accepts server connections. Reactor Netty's own
 * {@code LoopResources.create} always takes the best transport it finds; this one takes the
 * configured one, so that {@code inkwell.event-loops.transport} can also choose epoll or NIO.
 * Reactor Netty picks each channel's class from the group it runs on, so the server's and the
 * driver's channels follow. The groups ignore the {@code useNative} hint: the transport is
 * settled here. Threads are daemon threads named {@code <prefix>-<transport>-<n>} (accepting:
 * {@code <prefix>-select-<transport>-<n>}) and are {@link NonBlocking}: a {@code block()} on them
 * fails, as on Reactor Netty's own loops.
 */
public final class TransportLoops implements LoopResources {

	private final Transport transport;

	private final EventLoopGroup workers;

	private final EventLoopGroup select;

	private final AtomicBoolean disposed = new AtomicBoolean();

	private TransportLoops(Transport transport, EventLoopGroup workers, EventLoopGroup select) {
		this.transport = transport;
		this.workers = workers;
		this.select = select;
	}

	/**
	 * @param prefix the thread-name prefix
	 * @param transport the transport, resolved ({@link Transport#resolve()})
	 * @param selectThreads threads that only accept server connections; 0: the workers accept them
	 * @param workerThreads threads for the channels' I/O
	 */
	public static TransportLoops create(String prefix, Transport transport, int selectThreads, int workerThreads) {
		if (transport == Transport.AUTO) {
			throw new IllegalArgumentException("resolve() the transport first");
		}
		EventLoopGroup workers = group(prefix + "-" + transport.label(), transport, workerThreads);
		EventLoopGroup select = (selectThreads > 0)
				? group(prefix + "-select-" + transport.label(), transport, selectThreads) : workers;
		return new TransportLoops(transport, workers, select);
	}

	private static EventLoopGroup group(String name, Transport transport, int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("at least one thread, was " + threads);
		}
		return new MultiThreadIoEventLoopGroup(threads, threadFactory(name), transport.handlerFactory());
	}

	private static ThreadFactory threadFactory(String name) {
		AtomicInteger counter = new AtomicInteger();
		return (task) -> {
			Thread thread = new LoopThread(task, name + "-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	public Transport transport() {
		return this.transport;
	}

	@Override
	public EventLoopGroup onServer(boolean useNative) {
		return this.workers;
	}

	@Override
	public EventLoopGroup onServerSelect(boolean useNative) {
		return this.select;
	}

	@Override
	public EventLoopGroup onClient(boolean useNative) {
		return this.workers;
	}

	@Override
	public boolean daemon() {
		return true;
	}

	@Override
	public boolean isDisposed() {
		return this.disposed.get();
	}

	@Override
	public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
		return Mono.defer(() -> {
			if (!this.disposed.compareAndSet(false, true)) {
				return Mono.empty();
			}
			Mono<Void> workers = shutdown(this.workers, quietPeriod, timeout);
			return (this.select != this.workers) ? shutdown(this.select, quietPeriod, timeout).and(workers) : workers;
		});
	}

	private static Mono<Void> shutdown(EventLoopGroup group, Duration quietPeriod, Duration timeout) {
		return Mono.create((sink) -> {
			Future<?> terminated = group.shutdownGracefully(quietPeriod.toMillis(),
					Math.max(quietPeriod.toMillis(), timeout.toMillis()), TimeUnit.MILLISECONDS);
			terminated.addListener((future) -> {
				if (future.isSuccess()) {
					sink.success();
				}
				else {
					sink.error(future.cause());
				}
			});
		});
	}

	/** An event-loop thread: Netty's fast thread locals, and marked non-blocking for Reactor. */
	static final class LoopThread extends FastThreadLocalThread implements NonBlocking {

		LoopThread(Runnable task, String name) {
			super(task, name);
		}

	}

}
