package io.inkwell.netty;

import java.time.Duration;
import java.util.Map;

import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code inkwell.event-loops.transport=io_uring}: where the kernel offers io_uring, the server and
 * the database connections run on it; where it does not, the start fails and says why.
 */
class IoUringTransportIntegrationTests {

	@Test
	void askedForIoUringTheServerAndTheDatabaseRunOnItOrTheStartSaysWhyNot() {
		String[] arguments = { "--inkwell.event-loops.transport=io_uring", "--inkwell.event-loops.http=1",
				"--inkwell.event-loops.database=1" };
		if (!IoUring.isAvailable()) {
			assertThatThrownBy(() -> TestApp.start(TestDatabase.get().url(), "connection_limit=2", arguments).close())
				.rootCause()
				.hasMessageContaining("inkwell.event-loops.transport=io_uring is not available on this machine");
			return;
		}
		TestApp app = TestApp.start(TestDatabase.get().url(), "connection_limit=2", arguments);
		try {
			for (int i = 0; i < 3; i++) {
				Map<String, String> threads = app.independentClient()
					.get()
					.uri("/test/threads")
					.retrieve()
					.bodyToMono(new ParameterizedTypeReference<Map<String, String>>() {
					})
					.block(Duration.ofSeconds(30));
				assertThat(threads).containsEntry("handler", "inkwell-http-io_uring-1")
					.containsEntry("database", "inkwell-db-io_uring-1");
			}
			// an API route with its filters, answered from the database
			app.client().get().uri("/api/posts?status=PUBLISHED&limit=1").exchange().expectStatus().isOk();
		}
		finally {
			app.close();
		}
	}

}
