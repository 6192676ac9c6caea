package io.inkwell.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.inkwell.db.Ids;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static io.inkwell.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} on the write routes, through the real server and database:
 * retries replay the first answer and write nothing, a reused key is refused, a key whose
 * request is running is a 409, a failed request leaves no record, expired keys go.
 */
@IntegrationTest
class IdempotencyIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	@Autowired
	IdempotencyRepository repository;

	@LocalServerPort
	int port;

	@Test
	void replaysATransferRetriedWithTheSameKeyAndMovesTheCreditsOnce() throws SQLException {
		UUID from = user(100);
		UUID to = user(0);
		String key = UUID.randomUUID().toString();
		EntityExchangeResult<byte[]> first = transfer(from, key, transferBody(from, to, 10)).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(Idempotency.REPLAYED_HEADER)
			.expectBody()
			.returnResult();
		EntityExchangeResult<byte[]> retry = transfer(from, key, transferBody(from, to, 10)).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(Idempotency.REPLAYED_HEADER, "true")
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody()
			.returnResult();
		assertThat(retry.getResponseHeaders().getLocation()).isNotNull()
			.isEqualTo(first.getResponseHeaders().getLocation());
		assertThat(new String(retry.getResponseBody())).isEqualTo(new String(first.getResponseBody()));
		assertThat(Sql.count("SELECT credits FROM users WHERE id = ?", from)).isEqualTo(90);
		assertThat(Sql.count("SELECT credits FROM users WHERE id = ?", to)).isEqualTo(10);
		assertThat(ledgerRows(from)).isEqualTo(1);
		assertThat(Sql.count("SELECT count(*) FROM idempotency_keys WHERE caller = ? AND key = ?", from, key))
			.isEqualTo(1);
		// without a key the same body is a new transfer
		transfer(from, null, transferBody(from, to, 10)).expectStatus().isCreated();
		assertThat(ledgerRows(from)).isEqualTo(2);
	}

	@Test
	void refusesTheSameKeyForADifferentRequestWith422AndChangesNothing() throws SQLException {
		UUID from = user(100);
		UUID to = user(0);
		String key = UUID.randomUUID().toString();
		transfer(from, key, transferBody(from, to, 10)).expectStatus().isCreated();
		expectProblem(transfer(from, key, transferBody(from, to, 11)), 422, "idempotency-key-reused");
		// another route with the key is another request, too
		expectProblem(this.client.post()
			.uri("/api/posts")
			.header(HttpHeaders.AUTHORIZATION, this.tokens.user(from))
			.header(Idempotency.HEADER, key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("authorId", from, "title", "t", "body", "b"))
			.exchange(), 422, "idempotency-key-reused");
		assertThat(Sql.count("SELECT credits FROM users WHERE id = ?", from)).isEqualTo(90);
		assertThat(ledgerRows(from)).isEqualTo(1);
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE author_id = ?", from)).isZero();
	}

	@Test
	void scopesKeysPerCaller() throws SQLException {
		UUID a = user(100);
		UUID b = user(100);
		UUID to = user(0);
		String key = UUID.randomUUID().toString();
		transfer(a, key, transferBody(a, to, 5)).expectStatus().isCreated();
		transfer(b, key, transferBody(b, to, 5)).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(Idempotency.REPLAYED_HEADER);
		assertThat(Sql.count("SELECT credits FROM users WHERE id = ?", to)).isEqualTo(10);
	}

	@Test
	void refusesMalformedKeysWith400() throws SQLException {
		UUID from = user(100);
		UUID to = user(0);
		expectProblem(transfer(from, "k".repeat(256), transferBody(from, to, 1)), 400, "invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo(Idempotency.HEADER);
		expectProblem(this.client.post()
			.uri("/api/transfers")
			.header(HttpHeaders.AUTHORIZATION, this.tokens.user(from))
			.header(Idempotency.HEADER, "one", "two")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(transferBody(from, to, 1))
			.exchange(), 400, "invalid-parameter");
		expectProblem(transfer(from, "caf\u00e9", transferBody(from, to, 1)), 400, "invalid-parameter");
		// the longest key is fine
		transfer(from, "k".repeat(255), transferBody(from, to, 1)).expectStatus().isCreated();
		assertThat(ledgerRows(from)).isEqualTo(1);
	}

	@Test
	void answers409AndWritesNothingWhileTheFirstRequestWithTheKeyIsRunning() throws SQLException {
		UUID from = user(100);
		UUID to = user(0);
		String key = UUID.randomUUID().toString();
		// a session that holds the key's lock stands for a first request still running
		try (Connection running = TestDatabase.get().connect();
				PreparedStatement lock = running
					.prepareStatement("SELECT pg_advisory_lock(hashtextextended(CAST(? AS text) || ' ' || ?, 0))")) {
			lock.setObject(1, from);
			lock.setString(2, key);
			lock.executeQuery().close();
			expectProblem(transfer(from, key, transferBody(from, to, 10)), 409, "idempotency-key-in-use");
			assertThat(ledgerRows(from)).isZero();
			// released before the session goes: a closed session's backend lets go of its
			// locks only when it has exited, which may be after the next request
			try (PreparedStatement unlock = running.prepareStatement("SELECT pg_advisory_unlock_all()")) {
				unlock.executeQuery().close();
			}
		}
		transfer(from, key, transferBody(from, to, 10)).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(Idempotency.REPLAYED_HEADER);
		assertThat(ledgerRows(from)).isEqualTo(1);
	}

	@Test
	void performsOneEffectForManyConcurrentRequestsWithOneKey() throws SQLException {
		UUID from = user(1000);
		UUID to = user(0);
		String key = UUID.randomUUID().toString();
		WebClient client = WebClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.user(from))
			.build();
		List<Response> responses = Flux.range(0, 20)
			.flatMap((i) -> client.post()
				.uri("/api/transfers")
				.header(Idempotency.HEADER, key)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(transferBody(from, to, 7))
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.map((body) -> new Response(response.statusCode().value(), body))), 20)
			.collectList()
			.block(Duration.ofMinutes(1));
		Map<Integer, Long> byStatus = responses.stream()
			.collect(Collectors.groupingBy(Response::status, Collectors.counting()));
		assertThat(byStatus.keySet()).isSubsetOf(201, 409);
		assertThat(byStatus.get(201)).isGreaterThanOrEqualTo(1);
		// every 201 is the one transfer, first or replayed
		assertThat(responses.stream().filter((r) -> r.status() == 201).map(Response::body).distinct()).hasSize(1);
		assertThat(ledgerRows(from)).isEqualTo(1);
		assertThat(Sql.count("SELECT credits FROM users WHERE id = ?", from)).isEqualTo(993);
	}

	@Test
	void recordsNothingWhenTheTransactionFailsAfterTheEffectAndARetryPerformsItOnce() throws SQLException {
		UUID from = user(100);
		UUID to = user(0);
		String key = UUID.randomUUID().toString();
		String suffix = from.toString().replace("-", "");
		// the answer cannot be stored: the transfer, already written in the transaction,
		// must roll back with it
		try (Connection connection = TestDatabase.get().connect(); Statement statement = connection.createStatement()) {
			statement.execute("""
					CREATE FUNCTION refuse_key_%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
					BEGIN
					  IF NEW.caller = '%2$s' THEN
					    RAISE EXCEPTION 'refused' USING ERRCODE = 'check_violation';
					  END IF;
					  RETURN NEW;
					END $$;
					CREATE TRIGGER refuse_key_%1$s BEFORE INSERT ON idempotency_keys
					  FOR EACH ROW EXECUTE FUNCTION refuse_key_%1$s();
					""".formatted(suffix, from));
		}
		try {
			transfer(from, key, transferBody(from, to, 10)).expectStatus()
				.value((status) -> assertThat(status).isGreaterThanOrEqualTo(400));
		}
		finally {
			try (Connection connection = TestDatabase.get().connect();
					Statement statement = connection.createStatement()) {
				statement.execute("DROP TRIGGER refuse_key_%1$s ON idempotency_keys; DROP FUNCTION refuse_key_%1$s();"
					.formatted(suffix));
			}
		}
		assertThat(ledgerRows(from)).isZero();
		assertThat(Sql.count("SELECT credits FROM users WHERE id = ?", from)).isEqualTo(100);
		assertThat(Sql.count("SELECT count(*) FROM idempotency_keys WHERE caller = ?", from)).isZero();
		transfer(from, key, transferBody(from, to, 10)).expectStatus().isCreated();
		transfer(from, key, transferBody(from, to, 10)).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(Idempotency.REPLAYED_HEADER, "true");
		assertThat(ledgerRows(from)).isEqualTo(1);
		assertThat(Sql.count("SELECT credits FROM users WHERE id = ?", from)).isEqualTo(90);
	}

	@Test
	void storesNoRecordForARefusedRequest() throws SQLException {
		UUID from = user(5);
		UUID to = user(0);
		String key = UUID.randomUUID().toString();
		expectProblem(transfer(from, key, transferBody(from, to, 10)), 422, "insufficient-credits");
		assertThat(Sql.count("SELECT count(*) FROM idempotency_keys WHERE caller = ?", from)).isZero();
		Sql.execute("UPDATE users SET credits = 10 WHERE id = ?", from);
		transfer(from, key, transferBody(from, to, 10)).expectStatus().isCreated();
		assertThat(ledgerRows(from)).isEqualTo(1);
	}

	@Test
	void replaysPostsCommentsAndUsersCreatedWithAKey() throws SQLException {
		UUID author = user(0);
		String postKey = UUID.randomUUID().toString();
		Map<String, Object> post = Map.of("authorId", author, "title", "Idempotent", "body", "once", "status",
				"PUBLISHED");
		EntityExchangeResult<byte[]> created = keyed(this.tokens.user(author), "/api/posts", postKey, post)
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult();
		keyed(this.tokens.user(author), "/api/posts", postKey, post).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(Idempotency.REPLAYED_HEADER, "true")
			.expectHeader()
			.location(created.getResponseHeaders().getLocation().toString());
		assertThat(Sql.count("SELECT count(*) FROM posts WHERE author_id = ?", author)).isEqualTo(1);

		String postPath = created.getResponseHeaders().getLocation().getPath();
		String commentKey = UUID.randomUUID().toString();
		Map<String, Object> comment = Map.of("authorId", author, "content", "only one");
		String commentLocation = keyed(this.tokens.user(author), postPath + "/comments", commentKey, comment)
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseHeaders()
			.getLocation()
			.toString();
		keyed(this.tokens.user(author), postPath + "/comments", commentKey, comment).expectStatus()
			.isCreated()
			.expectHeader()
			.location(commentLocation);
		assertThat(Sql.count("SELECT count(*) FROM comments WHERE author_id = ?", author)).isEqualTo(1);

		String userKey = UUID.randomUUID().toString();
		String email = "idem-" + UUID.randomUUID() + "@test.example";
		Map<String, Object> user = Map.of("email", email, "name", "Once");
		String userLocation = keyed(this.tokens.admin(), "/api/users", userKey, user).expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseHeaders()
			.getLocation()
			.toString();
		// without the key the retry would be a 409 duplicate e-mail
		keyed(this.tokens.admin(), "/api/users", userKey, user).expectStatus()
			.isCreated()
			.expectHeader()
			.location(userLocation);

		String bulkKey = UUID.randomUUID().toString();
		String bulkEmail = "idem-bulk-" + UUID.randomUUID() + "@test.example";
		Map<String, Object> bulk = Map.of("users", List.of(Map.of("email", bulkEmail, "name", "Bulk")));
		byte[] bulkAnswer = keyed(this.tokens.admin(), "/api/users/bulk", bulkKey, bulk).expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody();
		keyed(this.tokens.admin(), "/api/users/bulk", bulkKey, bulk).expectStatus()
			.isCreated()
			.expectBody()
			.consumeWith(
					(replay) -> assertThat(new String(replay.getResponseBody())).isEqualTo(new String(bulkAnswer)));
		assertThat(Sql.count("SELECT count(*) FROM users WHERE email IN (?, ?)", email, bulkEmail)).isEqualTo(2);
	}

	@Test
	void deletesExpiredKeysInBatchesAndKeepsLiveOnes() throws SQLException {
		UUID caller = Ids.next();
		for (int i = 0; i < 5; i++) {
			Sql.execute("""
					INSERT INTO idempotency_keys (caller, key, request_hash, status, body, created_at)
					VALUES (?, ?, '\\x00', 201, '\\x7b7d', now() - interval '25 hours')
					""", caller, "old-" + i);
		}
		Sql.execute("""
				INSERT INTO idempotency_keys (caller, key, request_hash, status, body, created_at)
				VALUES (?, 'fresh', '\\x00', 201, '\\x7b7d', now() - interval '23 hours')
				""", caller);
		IdempotencyCleanup cleanup = new IdempotencyCleanup(this.repository,
				new IdempotencyProperties(Duration.ofHours(24), Duration.ofMinutes(10), 2));
		assertThat(cleanup.run().block(Duration.ofSeconds(30))).isGreaterThanOrEqualTo(5);
		assertThat(Sql.strings("SELECT key FROM idempotency_keys WHERE caller = ?", caller)).containsExactly("fresh");
	}

	@Test
	void reusesAnExpiredKeyForANewRequest() throws SQLException {
		UUID from = user(100);
		UUID to = user(0);
		String key = UUID.randomUUID().toString();
		transfer(from, key, transferBody(from, to, 10)).expectStatus().isCreated();
		Sql.execute("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE caller = ?", from);
		transfer(from, key, transferBody(from, to, 20)).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(Idempotency.REPLAYED_HEADER);
		assertThat(ledgerRows(from)).isEqualTo(2);
	}

	private WebTestClient.ResponseSpec transfer(UUID caller, String key, Map<String, Object> body) {
		WebTestClient.RequestBodySpec request = this.client.post()
			.uri("/api/transfers")
			.header(HttpHeaders.AUTHORIZATION, this.tokens.user(caller));
		if (key != null) {
			request = request.header(Idempotency.HEADER, key);
		}
		return request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	private WebTestClient.ResponseSpec keyed(String authorization, String path, String key, Object body) {
		return this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.header(Idempotency.HEADER, key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	static Map<String, Object> transferBody(UUID from, UUID to, long amount) {
		return Map.of("fromUserId", from, "toUserId", to, "amount", amount);
	}

	static UUID user(long credits) throws SQLException {
		UUID id = Ids.next();
		Sql.execute("INSERT INTO users (id, email, name, credits) VALUES (?, ?, ?, ?)", id,
				"idem-" + id + "@test.example", "Idem " + id.toString().substring(24), credits);
		return id;
	}

	static long ledgerRows(UUID user) throws SQLException {
		return Sql.count("SELECT count(*) FROM transfers WHERE from_user_id = ?", user);
	}

	record Response(int status, String body) {
	}

}
