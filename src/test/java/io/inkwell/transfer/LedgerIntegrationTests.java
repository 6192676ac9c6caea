package io.inkwell.transfer;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.security.Role;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static io.inkwell.support.Problems.expectProblem;
import static io.inkwell.transfer.TransferFixtures.credits;
import static io.inkwell.transfer.TransferFixtures.softDelete;
import static io.inkwell.transfer.TransferFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credits ledger: ADMIN grants, a user's transfers newest first, and the invariant
 * that every balance is the sum of its ledger rows.
 */
@IntegrationTest
class LedgerIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	@LocalServerPort
	int port;

	@Test
	void anAdminGrantsCreditsAsALedgerRowNamingTheAdmin() throws SQLException {
		UUID admin = Tokens.createUser(Role.ADMIN, "granter");
		UUID user = user(0);
		String location = grant(this.tokens.bearer(admin, Role.ADMIN), user, 250, "welcome bonus").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.kind")
			.isEqualTo("GRANT")
			.jsonPath("$.fromUserId")
			.isEmpty()
			.jsonPath("$.toUserId")
			.isEqualTo(user.toString())
			.jsonPath("$.amount")
			.isEqualTo(250)
			.jsonPath("$.reason")
			.isEqualTo("welcome bonus")
			.returnResult()
			.getResponseHeaders()
			.getLocation()
			.toString();
		assertThat(credits(user)).isEqualTo(250);
		assertThat(
				Sql.count("SELECT count(*) FROM transfers WHERE to_user_id = ? AND kind = 'GRANT' AND granted_by = ?",
						user, admin))
			.isEqualTo(1);
		// the recipient reads the grant like a transfer
		this.client.get()
			.uri(location)
			.header(HttpHeaders.AUTHORIZATION, this.tokens.user(user))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.kind")
			.isEqualTo("GRANT");
	}

	@Test
	void refusesGrantsFromNonAdminsAndBadGrantsAndChangesNothing() throws SQLException {
		UUID user = user(0);
		expectProblem(grant(this.tokens.user(user), user, 10, "self-service"), 403, "forbidden");
		expectProblem(grant(this.tokens.admin(), user, 0, "zero"), 400, "validation");
		expectProblem(grant(this.tokens.admin(), user, TransferRequest.MAX_AMOUNT + 1, "too much"), 400, "validation");
		expectProblem(grant(this.tokens.admin(), user, 10, " "), 400, "validation");
		expectProblem(grant(this.tokens.admin(), Ids.next(), 10, "nobody"), 404, "not-found");
		UUID deleted = user(0);
		softDelete(deleted);
		expectProblem(grant(this.tokens.admin(), deleted, 10, "gone"), 404, "not-found");
		assertThat(credits(user)).isZero();
		assertThat(Sql.count("SELECT count(*) FROM transfers WHERE to_user_id IN (?, ?)", user, deleted)).isZero();
	}

	@Test
	void listsAUsersTransfersNewestFirstInBothDirectionsPageByPage() throws SQLException {
		UUID me = user(0);
		UUID other = user(0);
		grant(this.tokens.admin(), me, 100, "start").expectStatus().isCreated();
		grant(this.tokens.admin(), other, 100, "start").expectStatus().isCreated();
		transfer(me, other, 10);
		transfer(other, me, 3);
		transfer(me, other, 7);
		List<Map<String, Object>> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			String uri = "/api/users/" + me + "/transfers?limit=2" + ((cursor != null) ? "&cursor=" + cursor : "");
			LedgerPageBody page = this.client.get()
				.uri(uri)
				.header(HttpHeaders.AUTHORIZATION, this.tokens.user(me))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(LedgerPageBody.class)
				.returnResult()
				.getResponseBody();
			seen.addAll(page.data());
			cursor = page.nextCursor();
			pages++;
		}
		while (cursor != null && pages < 10);
		assertThat(pages).isEqualTo(2);
		assertThat(seen)
			.extracting((row) -> row.get("direction") + " " + row.get("kind") + " " + row.get("amount") + " "
					+ row.get("counterpartyId"))
			.containsExactly("OUT TRANSFER 7 " + other, "IN TRANSFER 3 " + other, "OUT TRANSFER 10 " + other,
					"IN GRANT 100 null");
		assertThat(seen).allSatisfy((row) -> assertThat(row).containsKeys("id", "createdAt"));
	}

	@Test
	void showsTheLedgerToItsUserAndAdminsOnly() throws SQLException {
		UUID me = user(0);
		UUID stranger = user(0);
		expectProblem(ledger(this.tokens.user(stranger), me), 403, "forbidden");
		ledger(this.tokens.admin(), me).expectStatus().isOk().expectBody().jsonPath("$.data").isEmpty();
		expectProblem(ledger(this.tokens.admin(), Ids.next()), 404, "not-found");
		expectProblem(this.client.get()
			.uri("/api/users/" + me + "/transfers?cursor=bm90LW91cnM")
			.header(HttpHeaders.AUTHORIZATION, this.tokens.user(me))
			.exchange(), 400, "invalid-parameter");
		this.client.get().uri("/api/users/" + me + "/transfers").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void everyBalanceEqualsItsLedgerUnderConcurrentTransfersAndGrants() throws SQLException {
		List<UUID> users = List.of(user(0), user(0), user(0), user(0));
		for (UUID user : users) {
			grant(this.tokens.admin(), user, 500, "opening").expectStatus().isCreated();
		}
		long seed = System.nanoTime();
		Random random = new Random(seed);
		WebClient client = WebClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin())
			.build();
		List<Mono<Integer>> requests = new ArrayList<>();
		for (int i = 0; i < 240; i++) {
			int from = random.nextInt(users.size());
			int to = (from + 1 + random.nextInt(users.size() - 1)) % users.size();
			Object body = (i % 4 == 0) ? Map.of("amount", 1 + random.nextInt(50), "reason", "concurrent grant")
					: TransferApiIntegrationTests.transfer(users.get(from), users.get(to), 1 + random.nextInt(300));
			String uri = (i % 4 == 0) ? "/api/users/" + users.get(to) + "/credits" : "/api/transfers";
			requests.add(client.post()
				.uri(uri)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())));
		}
		List<Integer> statuses = Flux.fromIterable(requests)
			.flatMap((request) -> request, 32)
			.collectList()
			.block(Duration.ofMinutes(2));
		assertThat(statuses).as("statuses (seed %d)", seed).isSubsetOf(201, 422).contains(201);
		for (UUID user : users) {
			long ledger = Sql.count("""
					SELECT COALESCE(sum(CASE WHEN to_user_id = ? THEN amount ELSE -amount END), 0)
					FROM transfers WHERE from_user_id = ? OR to_user_id = ?
					""", user, user, user);
			assertThat(credits(user)).as("balance = ledger (seed %d)", seed).isEqualTo(ledger);
		}
		// grants are in the ledger with their ADMIN: 4 openings plus every fourth request
		assertThat(Sql.count("SELECT count(*) FROM transfers WHERE kind = 'GRANT' AND to_user_id IN (?, ?, ?, ?)",
				users.toArray()))
			.isEqualTo(4 + 60);
	}

	private WebTestClient.ResponseSpec grant(String authorization, UUID user, long amount, String reason) {
		return this.client.post()
			.uri("/api/users/" + user + "/credits")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("amount", amount, "reason", reason))
			.exchange();
	}

	private WebTestClient.ResponseSpec ledger(String authorization, UUID user) {
		return this.client.get()
			.uri("/api/users/" + user + "/transfers")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.exchange();
	}

	private void transfer(UUID from, UUID to, long amount) {
		this.client.post()
			.uri("/api/transfers")
			.header(HttpHeaders.AUTHORIZATION, this.tokens.user(from))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(TransferApiIntegrationTests.transfer(from, to, amount))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	record LedgerPageBody(List<Map<String, Object>> data, String nextCursor) {
	}

}
