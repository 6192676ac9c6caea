package io.inkwell.netty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.netty.resources.LoopResources;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP server and the database connections run on the two event-loop groups of
 * {@code inkwell.event-loops.*}, with the configured number of threads each, not on
 * Reactor Netty's global loops; with {@code inkwell.event-loops.accept}, new connections
 * are accepted on a thread of their own.
 */
class EventLoopsIntegrationTests {

	static TestApp app;

	@BeforeAll
	static void start() {
		app = TestApp.start(TestDatabase.get().url(), "connection_limit=4", "--inkwell.event-loops.http=3",
				"--inkwell.event-loops.database=2", "--inkwell.event-loops.accept=1");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void requestsAreHandledOnTheHttpLoopsAndResultsArriveOnTheDatabaseLoops() {
		// a new TCP connection per request: the server hands each to its next loop in
		// turn
		WebClient client = app.independentClient();
		List<Map<String, String>> seen = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			seen.add(client.get()
				.uri("/test/threads")
				.retrieve()
				.bodyToMono(new ParameterizedTypeReference<Map<String, String>>() {
				})
				.block(Duration.ofSeconds(30)));
		}
		assertThat(seen).extracting((threads) -> threads.get("handler"))
			.allMatch((name) -> name.matches("inkwell-http-(epoll|nio)-\\d+"),
					"an inkwell-http- loop thread, not the accepting one");
		assertThat(seen.stream().map((threads) -> threads.get("handler")).distinct()).hasSize(3);
		assertThat(seen).extracting((threads) -> threads.get("database"))
			.allMatch((name) -> name.startsWith("inkwell-db-"), "an inkwell-db- thread");
	}

	@Test
	void connectionsAreAcceptedOnAThreadOfItsOwn() throws Exception {
		LoopResources loops = app.context().getBean(ReactorResourceFactory.class).getLoopResources();
		List<EventExecutor> acceptors = EventLoopConfigTests.executors(loops.onServerSelect(true));
		assertThat(acceptors).hasSize(1);
		String name = acceptors.get(0).submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
		assertThat(name).startsWith("inkwell-http-select-");
		assertThat(EventLoopConfigTests.executors(loops.onServer(true))).hasSize(3).doesNotContain(acceptors.get(0));
	}

	@Test
	void theDatabaseGroupHasTheConfiguredThreads() {
		EventLoopGroup group = app.context().getBean(DatabaseLoops.class).resources().onClient(true);
		assertThat(EventLoopConfigTests.executors(group)).hasSize(2);
	}

}
