package io.inkwell.netty;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Which transport the event loops run on, and the loops {@link TransportLoops} makes for it. */
class TransportTests {

	@Test
	void autoTakesEpollThenNioAndIoUringOnlyWhenAskedFor() {
		assertThat(Transport.AUTO.resolve(() -> true, () -> true)).isEqualTo(Transport.EPOLL);
		assertThat(Transport.AUTO.resolve(() -> true, () -> false)).isEqualTo(Transport.NIO);
		assertThat(Transport.AUTO.resolve()).isEqualTo(Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO);
	}

	@Test
	void anExplicitTransportIsTakenWhenAvailable() {
		assertThat(Transport.IO_URING.resolve(() -> true, () -> false)).isEqualTo(Transport.IO_URING);
		assertThat(Transport.EPOLL.resolve(() -> true, () -> true)).isEqualTo(Transport.EPOLL);
		assertThat(Transport.NIO.resolve(() -> true, () -> true)).isEqualTo(Transport.NIO);
	}

	@Test
	void anExplicitTransportThatIsNotAvailableStopsTheStartWithTheReason() {
		assertThatIllegalStateException().isThrownBy(() -> Transport.IO_URING.resolve(() -> false, () -> true))
			.withMessageStartingWith("inkwell.event-loops.transport=io_uring is not available on this machine (")
			.withMessageEndingWith("); use auto, or another transport");
		assertThatIllegalStateException().isThrownBy(() -> Transport.EPOLL.resolve(() -> true, () -> false))
			.withMessageStartingWith("inkwell.event-loops.transport=epoll is not available on this machine (");
	}

	@Test
	void channelsFollowTheTransportOfTheirGroup() {
		assertChannel(Transport.NIO, NioSocketChannel.class);
		if (Epoll.isAvailable()) {
			assertChannel(Transport.EPOLL, EpollSocketChannel.class);
		}
		if (IoUring.isAvailable()) {
			assertChannel(Transport.IO_URING, IoUringSocketChannel.class);
		}
		// on Linux (CI) at least epoll is there: the check above ran for a native transport
		assertThat(Epoll.isAvailable() || !System.getProperty("os.name").startsWith("Linux")).isTrue();
	}

	private static void assertChannel(Transport transport, Class<?> channel) {
		TransportLoops loops = TransportLoops.create("test", transport, 0, 1);
		try {
			assertThat(loops.transport()).isEqualTo(transport);
			assertThat(loops.onChannelClass(SocketChannel.class, loops.onServer(true))).isEqualTo(channel);
			assertThat(loops.onChannelClass(SocketChannel.class, loops.onClient(true))).isEqualTo(channel);
		}
		finally {
			loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
		}
	}

	@Test
	void threadsAreNamedAfterTheTransportAndAreNonBlockingDaemons() throws Exception {
		TransportLoops loops = TransportLoops.create("inkwell-test", Transport.NIO, 1, 2);
		try {
			List<EventExecutor> workers = EventLoopConfigTests.executors(loops.onServer(true));
			List<EventExecutor> select = EventLoopConfigTests.executors(loops.onServerSelect(true));
			assertThat(workers).hasSize(2).doesNotContainAnyElementsOf(select);
			assertThat(select).hasSize(1);
			assertThat(loops.onClient(true)).isSameAs(loops.onServer(true));
			assertThat(loops.daemon()).isTrue();
			// threads start (and are numbered) on their first task
			assertThat(List.of(workers.get(0).submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS),
					workers.get(1).submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS)))
				.containsExactly("inkwell-test-nio-1", "inkwell-test-nio-2");
			assertThat(select.get(0).submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS))
				.isEqualTo("inkwell-test-select-nio-1");
			assertThat(workers.get(0).submit(() -> Thread.currentThread().isDaemon()).get(10, TimeUnit.SECONDS))
				.isTrue();
			// Reactor refuses block() on them, as on Reactor Netty's own event loops
			assertThat(workers.get(0).submit(Schedulers::isInNonBlockingThread).get(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
		}
	}

	@Test
	void withoutAcceptingThreadsTheWorkersAccept() {
		TransportLoops loops = TransportLoops.create("test", Transport.NIO, 0, 1);
		try {
			assertThat(loops.onServerSelect(true)).isSameAs(loops.onServer(true));
		}
		finally {
			loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
		}
	}

	@Test
	void disposingShutsEveryGroupDownOnce() {
		TransportLoops loops = TransportLoops.create("test", Transport.NIO, 1, 1);
		EventLoopGroup workers = loops.onServer(true);
		EventLoopGroup select = loops.onServerSelect(true);
		assertThat(loops.isDisposed()).isFalse();
		Mono<Void> dispose = loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5));
		assertThat(loops.isDisposed()).as("nothing happens before subscription").isFalse();
		dispose.block(Duration.ofSeconds(10));
		assertThat(loops.isDisposed()).isTrue();
		assertThat(workers.isTerminated()).isTrue();
		assertThat(select.isTerminated()).isTrue();
		// a second dispose completes at once
		loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(1));
	}

	@Test
	void autoIsNotAGroupTransport() {
		assertThatIllegalArgumentException().isThrownBy(() -> TransportLoops.create("test", Transport.AUTO, 0, 1))
			.withMessage("resolve() the transport first");
	}

}
