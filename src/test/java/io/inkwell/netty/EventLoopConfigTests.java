package io.inkwell.netty;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The loops Reactor Netty makes for the configured counts: which accept HTTP connections
 * (a thread of its own by default, the HTTP loops with 0), how the threads are named,
 * what they are.
 */
class EventLoopConfigTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(EventLoopConfig.class)
		.withPropertyValues("inkwell.event-loops.http=2", "inkwell.event-loops.database=1");

	@Test
	void byDefaultOneThreadOfItsOwnAcceptsConnections() {
		this.runner.run((context) -> {
			LoopResources loops = context.getBean(ReactorResourceFactory.class).getLoopResources();
			assertThat(executors(loops.onServerSelect(true))).hasSize(1)
				.doesNotContainAnyElementsOf(executors(loops.onServer(true)));
			assertThat(executors(loops.onServer(true))).hasSize(2);
		});
	}

	@Test
	void withZeroAcceptingThreadsTheHttpLoopsAcceptConnections() {
		this.runner.withPropertyValues("inkwell.event-loops.accept=0").run((context) -> {
			LoopResources loops = context.getBean(ReactorResourceFactory.class).getLoopResources();
			assertThat(loops.onServerSelect(true)).isSameAs(loops.onServer(true));
			assertThat(executors(loops.onServer(true))).hasSize(2);
		});
	}

	@Test
	void acceptingThreadsAreAGroupOfTheirOwn() {
		this.runner.withPropertyValues("inkwell.event-loops.accept=2").run((context) -> {
			LoopResources loops = context.getBean(ReactorResourceFactory.class).getLoopResources();
			assertThat(loops.onServerSelect(true)).isNotSameAs(loops.onServer(true));
			assertThat(executors(loops.onServerSelect(true))).hasSize(2)
				.doesNotContainAnyElementsOf(executors(loops.onServer(true)));
			assertThat(executors(loops.onServer(true))).hasSize(2);
		});
	}

	@Test
	void aNegativeCountIsRefused() {
		this.runner.withPropertyValues("inkwell.event-loops.accept=-1")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void threadsAreNamedAfterTheirGroupAndAreNonBlockingDaemons() throws Exception {
		this.runner.run((context) -> {
			LoopResources http = context.getBean(ReactorResourceFactory.class).getLoopResources();
			LoopResources database = context.getBean(DatabaseLoops.class).resources();
			String transport = Epoll.isAvailable() ? "epoll" : "nio";
			assertThat(threadName(http.onServer(true))).matches("inkwell-http-" + transport + "-\\d+");
			assertThat(threadName(http.onServerSelect(true))).matches("inkwell-http-select-" + transport + "-\\d+");
			assertThat(threadName(database.onClient(true))).matches("inkwell-db-" + transport + "-\\d+");
			assertThat(executors(database.onClient(true))).hasSize(1);
			EventExecutor loop = executors(http.onServer(true)).get(0);
			assertThat(loop.submit(() -> Thread.currentThread().isDaemon()).get(10, TimeUnit.SECONDS)).isTrue();
			// Reactor refuses block() on them
			assertThat(loop.submit(Schedulers::isInNonBlockingThread).get(10, TimeUnit.SECONDS)).isTrue();
		});
	}

	@Test
	void onLinuxTheLoopsRunOnEpoll() {
		assumeTrue(System.getProperty("os.name").startsWith("Linux"), "epoll is Linux only");
		assertThat(Epoll.isAvailable()).as("epoll's native library loads").isTrue();
		this.runner.run((context) -> assertThat(
				threadName(context.getBean(ReactorResourceFactory.class).getLoopResources().onServer(true)))
			.startsWith("inkwell-http-epoll-"));
	}

	/** The name of the group's first thread. */
	static String threadName(EventLoopGroup group) throws Exception {
		return executors(group).get(0).submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
	}

	static List<EventExecutor> executors(EventLoopGroup group) {
		List<EventExecutor> executors = new ArrayList<>();
		group.forEach(executors::add);
		return executors;
	}

}
