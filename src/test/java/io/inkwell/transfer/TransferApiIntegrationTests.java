package io.inkwell.transfer;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.inkwell.support.Problems.expectProblem;
import static io.inkwell.transfer.TransferFixtures.credits;
import static io.inkwell.transfer.TransferFixtures.ledgerRows;
import static io.inkwell.transfer.TransferFixtures.softDelete;
import static io.inkwell.transfer.TransferFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class TransferApiIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	/** The client without a token, for the tests of who may transfer. */
	private WebTestClient anonymous;

	// the rules of transfers are tested as an ADMIN, who may move anyone's credits; who
	// may is below
	@BeforeEach
	void authenticateAsAdmin() {
		this.anonymous = this.client;
		this.client = this.client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin()).build();
	}

	@Test
	void refusesAUserMovingAnotherUsersCreditsWith403AndChangesNothing() throws SQLException {
		UUID from = user(10);
		UUID to = user(0);
		UUID caller = user(10);
		expectProblem(this.anonymous.post()
			.uri("/api/transfers")
			.header(HttpHeaders.AUTHORIZATION, this.tokens.user(caller))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(transfer(from, to, 5))
			.exchange(), 403, "forbidden");
		assertThat(credits(from)).isEqualTo(10);
		assertThat(credits(to)).isZero();
		assertThat(ledgerRows(from)).isZero();
	}

	@Test
	void letsTheSenderMoveItsOwnCredits() throws SQLException {
		UUID from = user(10);
		UUID to = user(0);
		this.anonymous.post()
			.uri("/api/transfers")
			.header(HttpHeaders.AUTHORIZATION, this.tokens.user(from))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(transfer(from, to, 4))
			.exchange()
			.expectStatus()
			.isCreated();
		assertThat(credits(from)).isEqualTo(6);
		assertThat(credits(to)).isEqualTo(4);
	}

	@Test
	void showsATransferToItsPartiesOnly() throws SQLException {
		UUID from = user(10);
		UUID to = user(0);
		String location = post(transfer(from, to, 3)).expectStatus()
			.isCreated()
			.returnResult(String.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
		for (UUID party : List.of(from, to)) {
			this.anonymous.get()
				.uri(location)
				.header(HttpHeaders.AUTHORIZATION, this.tokens.user(party))
				.exchange()
				.expectStatus()
				.isOk();
		}
		expectProblem(this.anonymous.get()
			.uri(location)
			.header(HttpHeaders.AUTHORIZATION, this.tokens.user(user(0)))
			.exchange(), 403, "forbidden");
		expectProblem(this.anonymous.get().uri(location).exchange(), 401, "unauthorized");
	}

	// the ledger keeps its parties: the foreign key refuses, from the referenced side,
	// and the
	// answer is a conflict, not the "unknown reference" of a transfer to a missing user
	@Test
	void hardDeletingAUserWithTransfersIs409ConflictAndDeletesNothing() throws SQLException {
		UUID from = user(10);
		UUID to = user(0);
		post(transfer(from, to, 3)).expectStatus().isCreated();
		expectProblem(this.client.delete().uri("/api/admin/users/{id}", from).exchange(), 409, "conflict");
		assertThat(credits(from)).isEqualTo(7);
		assertThat(ledgerRows(from)).isEqualTo(1);
	}

	@Test
	void movesCreditsAndAnswers201WithTheLedgerRow() throws SQLException {
		UUID from = user(100);
		UUID to = user(5);
		Map<String, Object> body = post(transfer(from, to, 30)).expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/api/transfers/[0-9a-f-]{36}")
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(body).containsOnlyKeys("id", "kind", "fromUserId", "toUserId", "amount", "reason", "createdAt");
		assertThat(body).containsEntry("kind", "TRANSFER")
			.containsEntry("reason", null)
			.containsEntry("fromUserId", from.toString())
			.containsEntry("toUserId", to.toString())
			.containsEntry("amount", 30);
		assertThat((String) body.get("createdAt")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
		UUID id = UUID.fromString((String) body.get("id"));
		assertThat(id.version()).isEqualTo(7);
		assertThat(credits(from)).isEqualTo(70);
		assertThat(credits(to)).isEqualTo(35);
		assertThat(Sql.count("SELECT amount FROM transfers WHERE id = ? AND from_user_id = ? AND to_user_id = ?", id,
				from, to))
			.isEqualTo(30);
	}

	@Test
	void readsATransferBack() throws SQLException {
		UUID from = user(10);
		UUID to = user(0);
		String location = post(transfer(from, to, 10)).expectStatus()
			.isCreated()
			.returnResult(String.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
		this.client.get()
			.uri(location)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(location.substring(location.lastIndexOf('/') + 1))
			.jsonPath("$.fromUserId")
			.isEqualTo(from.toString())
			.jsonPath("$.toUserId")
			.isEqualTo(to.toString())
			.jsonPath("$.amount")
			.isEqualTo(10);
		assertThat(credits(from)).isZero();
	}

	@Test
	void answers404ForUnknownTransferAnd400ForMalformedId() {
		expectProblem(this.client.get().uri("/api/transfers/{id}", UUID.randomUUID()).exchange(), 404, "not-found");
		expectProblem(this.client.get().uri("/api/transfers/not-a-uuid").exchange(), 400, "invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
	}

	@Test
	void refusesMoreThanTheBalanceWith422AndChangesNothing() throws SQLException {
		UUID from = user(10);
		UUID to = user(3);
		expectProblem(post(transfer(from, to, 11)), 422, "insufficient-credits").jsonPath("$.errors[0].field")
			.isEqualTo("amount");
		assertThat(credits(from)).isEqualTo(10);
		assertThat(credits(to)).isEqualTo(3);
		assertThat(ledgerRows(from)).isZero();
		assertThat(ledgerRows(to)).isZero();
	}

	@Test
	void movesTheWholeBalanceDownToZero() throws SQLException {
		UUID from = user(42);
		UUID to = user(0);
		post(transfer(from, to, 42)).expectStatus().isCreated();
		assertThat(credits(from)).isZero();
		assertThat(credits(to)).isEqualTo(42);
		expectProblem(post(transfer(from, to, 1)), 422, "insufficient-credits");
		assertThat(credits(to)).isEqualTo(42);
		assertThat(ledgerRows(from)).isEqualTo(1);
	}

	@Test
	void refusesUnknownUsersWith422NamingTheField() throws SQLException {
		UUID from = user(50);
		UUID unknown = UUID.randomUUID();
		expectProblem(post(transfer(from, unknown, 5)), 422, "unknown-reference").jsonPath("$.errors[0].field")
			.isEqualTo("toUserId")
			.jsonPath("$.errors.length()")
			.isEqualTo(1);
		expectProblem(post(transfer(unknown, from, 5)), 422, "unknown-reference").jsonPath("$.errors[0].field")
			.isEqualTo("fromUserId");
		expectProblem(post(transfer(UUID.randomUUID(), UUID.randomUUID(), 5)), 422, "unknown-reference")
			.jsonPath("$.errors[*].field")
			.isEqualTo(List.of("fromUserId", "toUserId"));
		assertThat(credits(from)).isEqualTo(50);
		assertThat(ledgerRows(from)).isZero();
	}

	@Test
	void treatsSoftDeletedUsersAsUnknown() throws SQLException {
		UUID deleted = user(50);
		UUID live = user(50);
		softDelete(deleted);
		expectProblem(post(transfer(deleted, live, 5)), 422, "unknown-reference").jsonPath("$.errors[0].field")
			.isEqualTo("fromUserId");
		expectProblem(post(transfer(live, deleted, 5)), 422, "unknown-reference").jsonPath("$.errors[0].field")
			.isEqualTo("toUserId");
		assertThat(credits(deleted)).isEqualTo(50);
		assertThat(credits(live)).isEqualTo(50);
		assertThat(ledgerRows(live)).isZero();
	}

	@Test
	void rejectsAmountsOutsideOneToTheMaximumWith400() throws SQLException {
		UUID from = user(2_000_000_000L);
		UUID to = user(0);
		for (Object amount : new Object[] { 0, -5, TransferRequest.MAX_AMOUNT + 1, Long.MAX_VALUE }) {
			expectProblem(post(transfer(from, to, amount)), 400, "validation").jsonPath("$.errors[0].field")
				.isEqualTo("amount");
		}
		assertThat(ledgerRows(to)).isZero();
		post(transfer(from, to, TransferRequest.MAX_AMOUNT)).expectStatus().isCreated();
		assertThat(credits(to)).isEqualTo(TransferRequest.MAX_AMOUNT);
		assertThat(ledgerRows(to)).isEqualTo(1);
	}

	@Test
	void readsTheAmountOnlyAsAWholeJsonNumber() throws SQLException {
		UUID from = user(100);
		UUID to = user(0);
		for (String amount : new String[] { "1.5", "0.999", "\"12\"", "\"ten\"", "true", "[1]", "1e400",
				"99999999999999999999" }) {
			expectProblem(postRaw(rawTransfer(from, to, amount)), 400, "malformed-body");
		}
		assertThat(credits(from)).isEqualTo(100);
		assertThat(ledgerRows(from)).isZero();
		// a whole number written with a fraction or an exponent is still that number
		postRaw(rawTransfer(from, to, "3.0")).expectStatus().isCreated().expectBody().jsonPath("$.amount").isEqualTo(3);
		postRaw(rawTransfer(from, to, "2e1")).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.amount")
			.isEqualTo(20);
		assertThat(credits(to)).isEqualTo(23);
	}

	@Test
	void rejectsMissingFieldsAndMalformedIdsWith400() throws SQLException {
		UUID from = user(10);
		Map<String, Object> missing = new LinkedHashMap<>();
		missing.put("fromUserId", from.toString());
		expectProblem(post(missing), 400, "validation").jsonPath("$.errors[*].field")
			.isEqualTo(List.of("amount", "toUserId"));
		expectProblem(postRaw("{\"fromUserId\":\"" + from + "\",\"toUserId\":\"nope\",\"amount\":1}"), 400,
				"malformed-body");
		expectProblem(postRaw("{\"fromUserId\":"), 400, "malformed-body");
		expectProblem(this.client.post().uri("/api/transfers").contentType(MediaType.APPLICATION_JSON).exchange(), 400,
				"malformed-body");
		assertThat(credits(from)).isEqualTo(10);
		assertThat(ledgerRows(from)).isZero();
	}

	@Test
	void rejectsATransferToOneselfWith400() throws SQLException {
		UUID user = user(10);
		expectProblem(post(transfer(user, user, 1)), 400, "validation").jsonPath("$.errors[0].field")
			.isEqualTo("toUserId");
		assertThat(credits(user)).isEqualTo(10);
		assertThat(ledgerRows(user)).isZero();
	}

	static Map<String, Object> transfer(UUID from, UUID to, Object amount) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("fromUserId", from.toString());
		body.put("toUserId", to.toString());
		body.put("amount", amount);
		return body;
	}

	private WebTestClient.ResponseSpec post(Object body) {
		return this.client.post()
			.uri("/api/transfers")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private static String rawTransfer(UUID from, UUID to, String amount) {
		return "{\"fromUserId\":\"" + from + "\",\"toUserId\":\"" + to + "\",\"amount\":" + amount + "}";
	}

	private WebTestClient.ResponseSpec postRaw(String json) {
		return this.client.post()
			.uri("/api/transfers")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

}
