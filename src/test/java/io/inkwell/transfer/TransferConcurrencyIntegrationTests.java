package io.inkwell.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static io.inkwell.transfer.TransferFixtures.credits;
import static io.inkwell.transfer.TransferFixtures.ledgerNet;
import static io.inkwell.transfer.TransferFixtures.ledgerRows;
import static io.inkwell.transfer.TransferFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transfers under contention, through the real server and a non-blocking client
 * (WebTestClient blocks a thread per request, which would cap the concurrency at the
 * number of test threads).
 */
@IntegrationTest
class TransferConcurrencyIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Tokens tokens;

	@Test
	void keepsTheTotalAndMatchesTheLedgerUnderConcurrentOpposingTransfers() throws SQLException {
		long initial = 1_000;
		List<UUID> users = List.of(user(initial), user(initial), user(initial), user(initial));
		long seed = System.nanoTime();
		Random random = new Random(seed);
		List<Map<String, Object>> requests = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			int from = random.nextInt(users.size());
			int to = (from + 1 + random.nextInt(users.size() - 1)) % users.size();
			// one in ten asks for more than all four users hold together: always refused
			long amount = (i % 10 == 0) ? 4 * initial + 1 : 1 + random.nextInt(400);
			requests.add(TransferApiIntegrationTests.transfer(users.get(from), users.get(to), amount));
		}
		WebClient client = client();
		List<Integer> statuses = Flux.fromIterable(requests)
			.flatMap(
					(body) -> client.post()
						.uri("/api/transfers")
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(body)
						.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())),
					32)
			.collectList()
			.block(Duration.ofMinutes(2));

		Map<Integer, Long> byStatus = statuses.stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(byStatus.keySet()).as("statuses (seed %d)", seed).isSubsetOf(201, 422);
		assertThat(byStatus.getOrDefault(422, 0L)).as("refused (seed %d)", seed).isGreaterThanOrEqualTo(40);
		long total = 0;
		long ledger = 0;
		for (UUID user : users) {
			long balance = credits(user);
			assertThat(balance).as("balance (seed %d)", seed).isGreaterThanOrEqualTo(0);
			assertThat(balance).as("balance = initial + ledger (seed %d)", seed).isEqualTo(initial + ledgerNet(user));
			total += balance;
			ledger += ledgerRows(user);
		}
		assertThat(total).as("sum of credits (seed %d)", seed).isEqualTo(4 * initial);
		// every ledger row touches two of the four users
		assertThat(ledger / 2).as("ledger rows (seed %d)", seed).isEqualTo(byStatus.getOrDefault(201, 0L));
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void retriesATransactionThatLostADeadlock(CapturedOutput output) throws Exception {
		UUID a = user(100);
		UUID b = user(100);
		UUID first = lower(a, b);
		UUID second = first.equals(a) ? b : a;
		try (Connection rival = TestDatabase.get().connect()) {
			rival.setAutoCommit(false);
			try (Statement statement = rival.createStatement()) {
				// the transfer's backend, not this one, must be the one that detects the
				// cycle and gives up
				statement.execute("SET LOCAL deadlock_timeout = '60s'");
			}
			lockUser(rival, second);
			CompletableFuture<Integer> status = client().post()
				.uri("/api/transfers")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(TransferApiIntegrationTests.transfer(second, first, 30))
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.toFuture();
			// the transfer holds the first row and waits for the second, which the rival
			// holds
			awaitTransferWaitingForALock();
			// now the rival waits for the first row: a cycle, which PostgreSQL breaks by
			// failing the transfer
			lockUser(rival, first);
			rival.commit();
			// without the retry the deadlock victim would answer 503
			assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(201);
		}
		assertThat(output.getAll()).contains("Retrying transfer").contains("40P01");
		assertThat(credits(second)).isEqualTo(70);
		assertThat(credits(first)).isEqualTo(130);
		assertThat(ledgerRows(first)).isEqualTo(1);
	}

	private WebClient client() {
		// an ADMIN may move anyone's credits: the contention, not the ownership, is under
		// test here
		return WebClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin())
			.build();
	}

	private static UUID lower(UUID a, UUID b) throws SQLException {
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement statement = connection
					.prepareStatement("SELECT LEAST(CAST(? AS uuid), CAST(? AS uuid))")) {
			statement.setObject(1, a);
			statement.setObject(2, b);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getObject(1, UUID.class);
			}
		}
	}

	private static void lockUser(Connection connection, UUID user) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT id FROM users WHERE id = ? FOR UPDATE")) {
			statement.setObject(1, user);
			statement.executeQuery().close();
		}
	}

	private static void awaitTransferWaitingForALock() throws SQLException, InterruptedException {
		await().alias("the transfer waits for the rival's lock")
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> Sql.count("""
					SELECT count(*) FROM pg_stat_activity
					WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR NO KEY UPDATE%'
					""") > 0);
	}

}
