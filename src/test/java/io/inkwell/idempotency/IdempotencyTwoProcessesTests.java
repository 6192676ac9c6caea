package io.inkwell.idempotency;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.inkwell.support.Sql;
import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static io.inkwell.idempotency.IdempotencyIntegrationTests.ledgerRows;
import static io.inkwell.idempotency.IdempotencyIntegrationTests.transferBody;
import static io.inkwell.idempotency.IdempotencyIntegrationTests.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application processes on one database, as two replicas behind a load balancer: a
 * key holds across them, because its record and its lock live in PostgreSQL.
 */
class IdempotencyTwoProcessesTests {

	private static TestApp first;

	private static TestApp second;

	@BeforeAll
	static void start() {
		first = TestApp.start(TestDatabase.get().url(), "");
		second = TestApp.start(TestDatabase.get().url(), "");
	}

	@AfterAll
	static void stop() {
		if (first != null) {
			first.close();
		}
		if (second != null) {
			second.close();
		}
	}

	@Test
	void aRetryOnTheOtherInstanceIsReplayed() throws SQLException {
		UUID from = user(100);
		UUID to = user(0);
		String key = UUID.randomUUID().toString();
		Response created = post(first, from, key, transferBody(from, to, 10));
		Response replayed = post(second, from, key, transferBody(from, to, 10));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.replayed()).isFalse();
		assertThat(replayed.status()).isEqualTo(201);
		assertThat(replayed.replayed()).isTrue();
		assertThat(replayed.body()).isEqualTo(created.body());
		assertThat(replayed.location()).isEqualTo(created.location());
		assertThat(post(second, from, key, transferBody(from, to, 11)).status()).isEqualTo(422);
		assertThat(ledgerRows(from)).isEqualTo(1);
	}

	@Test
	void concurrentRequestsWithOneKeyOnBothInstancesMakeOneTransfer() throws SQLException {
		UUID from = user(1000);
		UUID to = user(0);
		String key = UUID.randomUUID().toString();
		List<Response> responses = Flux.range(0, 20)
			.flatMap((i) -> send((i % 2 == 0) ? first : second, from, key, transferBody(from, to, 3)), 20)
			.collectList()
			.block(Duration.ofMinutes(1));
		Map<Integer, Long> byStatus = responses.stream()
			.collect(Collectors.groupingBy(Response::status, Collectors.counting()));
		assertThat(byStatus.keySet()).isSubsetOf(201, 409);
		assertThat(responses.stream().filter((r) -> r.status() == 201).map(Response::body).distinct()).hasSize(1);
		assertThat(ledgerRows(from)).isEqualTo(1);
		assertThat(Sql.count("SELECT credits FROM users WHERE id = ?", from)).isEqualTo(997);
	}

	private static Response post(TestApp app, UUID caller, String key, Map<String, Object> body) {
		return send(app, caller, key, body).block(Duration.ofSeconds(30));
	}

	private static reactor.core.publisher.Mono<Response> send(TestApp app, UUID caller, String key,
			Map<String, Object> body) {
		return WebClient.create(app.baseUrl())
			.post()
			.uri("/api/transfers")
			.header(HttpHeaders.AUTHORIZATION, Tokens.of(app.context()).user(caller))
			.header(Idempotency.HEADER, key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.map((text) -> new Response(response.statusCode().value(), text,
						response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION),
						"true".equals(response.headers().asHttpHeaders().getFirst(Idempotency.REPLAYED_HEADER)))));
	}

	record Response(int status, String body, String location, boolean replayed) {
	}

}
