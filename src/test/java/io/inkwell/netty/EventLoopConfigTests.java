package io.inkwell.netty;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Which loops accept HTTP connections: a thread of its own by default, the HTTP loops with 0. */
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
	void byDefaultTheBestTransportOfTheMachineServesHttpAndDatabase() {
		this.runner.run((context) -> {
			Transport expected = Transport.AUTO.resolve();
			assertThat(context.getBean(ReactorResourceFactory.class).getLoopResources())
				.isInstanceOfSatisfying(TransportLoops.class, (loops) -> assertThat(loops.transport()).isEqualTo(expected));
			assertThat(context.getBean(DatabaseLoops.class).resources())
				.isInstanceOfSatisfying(TransportLoops.class, (loops) -> assertThat(loops.transport()).isEqualTo(expected));
		});
	}

	@Test
	void aConfiguredTransportServesHttpAndDatabase() {
		this.runner.withPropertyValues("inkwell.event-loops.transport=nio").run((context) -> {
			assertThat(context.getBean(ReactorResourceFactory.class).getLoopResources())
				.isInstanceOfSatisfying(TransportLoops.class, (loops) -> assertThat(loops.transport()).isEqualTo(Transport.NIO));
			assertThat(context.getBean(DatabaseLoops.class).resources())
				.isInstanceOfSatisfying(TransportLoops.class, (loops) -> assertThat(loops.transport()).isEqualTo(Transport.NIO));
		});
	}

	@Test
	void anUnknownTransportIsRefused() {
		this.runner.withPropertyValues("inkwell.event-loops.transport=kqueue")
			.run((context) -> assertThat(context).hasFailed());
	}

	static List<EventExecutor> executors(EventLoopGroup group) {
		List<EventExecutor> executors = new ArrayList<>();
		group.forEach(executors::add);
		return executors;
	}

}
