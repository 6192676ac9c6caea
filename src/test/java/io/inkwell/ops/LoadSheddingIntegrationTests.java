package io.inkwell.ops;

import java.util.List;
import java.util.Objects;

import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One connection, at most two waiters, one second of pool_timeout: ten concurrent
 * requests that each hold the connection get 200 (the holder), 503 after the acquire
 * timeout (the waiters) or 503 at once (past the admission bound) — never a 500, never a
 * hang.
 */
class LoadSheddingIntegrationTests {

	static TestApp app;

	@BeforeAll
	static void start() {
		app = TestApp.start(TestDatabase.get().url(), "connection_limit=1&pool_timeout=1",
				"--inkwell.db.max-pending-acquires=2");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void shedsPastTheAdmissionBoundAndTimesOutWaitersWith503() {
		WebClient client = WebClient.builder()
			.baseUrl(app.baseUrl())
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
		List<Answer> answers = Flux.range(0, 10)
			.flatMap((i) -> client.get()
				.uri("/test/sleep?ms=2500")
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.defaultIfEmpty("")
					.map((body) -> new Answer(response.statusCode().value(),
							Objects.toString(response.headers().contentType().orElse(null)),
							response.headers().header("Retry-After"), body))),
					10)
			.collectList()
			.block();
		assertThat(answers).hasSize(10);
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).isIn(200, 503));
		assertThat(answers).filteredOn((answer) -> answer.status() == 200).hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.status() == 503).allSatisfy((answer) -> {
			assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			assertThat(answer.retryAfter()).containsExactly("1");
			assertThat(answer.body()).contains("urn:inkwell:problem:unavailable");
		});
		assertThat(answers).anySatisfy((answer) -> assertThat(answer.body()).contains("too many requests are waiting"));
		assertThat(answers)
			.anySatisfy((answer) -> assertThat(answer.body()).contains("no database connection became free"));
		String metrics = client.get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class).block();
		assertThat(metrics).containsPattern("inkwell_db_acquire_rejected_total(\\{[^}]*\\})? [1-9]")
			.containsPattern("inkwell_db_acquire_timeouts_total(\\{[^}]*\\})? [1-9]");
	}

	record Answer(int status, String contentType, List<String> retryAfter, String body) {
	}

}
