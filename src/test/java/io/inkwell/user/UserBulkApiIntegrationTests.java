package io.inkwell.user;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.StatementCounter;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.inkwell.support.Problems.expectProblem;
import static io.inkwell.user.UserApiIntegrationTests.countUsers;
import static io.inkwell.user.UserApiIntegrationTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class UserBulkApiIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	@Autowired
	StatementCounter statements;

	// this class tests the feature, not who may use it (security/ does): as an ADMIN, who
	// may do everything
	@BeforeEach
	void authenticateAsAdmin() {
		this.client = this.client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin()).build();
	}

	@Test
	void createsEveryUserInOneStatementAndAnswersIdsInRequestOrder() throws SQLException {
		List<String> emails = List.of(unique("bulk-a"), unique("bulk-b"), unique("bulk-c"));
		this.statements.reset();
		Map<String, Object> result = bulk("",
				Map.of("users", List.of(user(emails.get(0).toUpperCase(), " Ann "),
						Map.of("email", emails.get(1), "name", "Ben", "role", "ADMIN"), user(emails.get(2), "Cy"))))
			.expectStatus()
			.isCreated()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(this.statements.count()).isEqualTo(1);
		assertThat(result).containsOnlyKeys("created", "skipped", "ids");
		assertThat(result).containsEntry("created", 3).containsEntry("skipped", 0);
		List<String> ids = ids(result);
		assertThat(ids).hasSize(3);
		for (int i = 0; i < 3; i++) {
			assertThat(Sql.string("SELECT email FROM users WHERE id = ?", UUID.fromString(ids.get(i))))
				.isEqualTo(emails.get(i));
		}
		assertThat(Sql.string("SELECT name FROM users WHERE email = ?", emails.get(0))).isEqualTo("Ann");
		assertThat(Sql.string("SELECT role::text FROM users WHERE email = ?", emails.get(0))).isEqualTo("USER");
		assertThat(Sql.string("SELECT role::text FROM users WHERE email = ?", emails.get(1))).isEqualTo("ADMIN");
	}

	@Test
	void skipsTakenAndRepeatedEmailsWhenAskedInTheBody() throws SQLException {
		String taken = unique("bulk-taken");
		create(taken, "Original");
		String first = unique("bulk-first");
		String second = unique("bulk-second");
		Map<String, Object> result = bulk("",
				Map.of("skipDuplicates", true, "users",
						List.of(user(first, "First"), user(taken, "Intruder"), user(first.toUpperCase(), "Repeat"),
								user(second, "Second"))))
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(result).containsEntry("created", 2).containsEntry("skipped", 2);
		List<String> ids = ids(result);
		assertThat(ids).containsExactly(Sql.string("SELECT id::text FROM users WHERE email = ?", first),
				Sql.string("SELECT id::text FROM users WHERE email = ?", second));
		assertThat(Sql.string("SELECT name FROM users WHERE email = ?", first)).isEqualTo("First");
		assertThat(Sql.string("SELECT name FROM users WHERE email = ?", taken)).isEqualTo("Original");
		assertThat(countUsers(first)).isEqualTo(1);
	}

	@Test
	void acceptsSkipDuplicatesAsQueryParameterAndAnswers200WhenNothingIsCreated() throws SQLException {
		String taken = unique("bulk-query");
		create(taken, "Kept");
		bulk("?skipDuplicates=true", Map.of("users", List.of(user(taken, "Other")))).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.created")
			.isEqualTo(0)
			.jsonPath("$.skipped")
			.isEqualTo(1)
			.jsonPath("$.ids.length()")
			.isEqualTo(0);
		assertThat(Sql.string("SELECT name FROM users WHERE email = ?", taken)).isEqualTo("Kept");
	}

	@Test
	void takenEmailWithoutSkipIs409NamingItsIndexAndCreatesNothing() throws SQLException {
		String taken = unique("bulk-conflict");
		create(taken, "Owner");
		String before = unique("bulk-before");
		String after = unique("bulk-after");
		expectProblem(bulk("", Map.of("users", List.of(user(before, "B"), user(taken, "T"), user(after, "A")))), 409,
				"duplicate")
			.jsonPath("$.errors.length()")
			.isEqualTo(1)
			.jsonPath("$.errors[0].field")
			.isEqualTo("users[1].email");
		assertThat(countUsers(before)).isZero();
		assertThat(countUsers(after)).isZero();
		assertThat(Sql.string("SELECT name FROM users WHERE email = ?", taken)).isEqualTo("Owner");
	}

	@Test
	void repeatedEmailWithoutSkipIs409NamingTheRepeatAndCreatesNothing() throws SQLException {
		String repeated = unique("bulk-repeat");
		String other = unique("bulk-other");
		expectProblem(bulk("?skipDuplicates=false",
				Map.of("users",
						List.of(user(repeated, "One"), user(other, "Two"), user(repeated.toUpperCase(), "Three")))),
				409, "duplicate")
			.jsonPath("$.errors[0].field")
			.isEqualTo("users[2].email")
			.jsonPath("$.errors[0].message")
			.isEqualTo("repeats users[0].email");
		assertThat(countUsers(repeated)).isZero();
		assertThat(countUsers(other)).isZero();
	}

	@Test
	void emailOfSoftDeletedUserCountsAsTaken() throws SQLException {
		String deleted = unique("bulk-deleted");
		UUID id = create(deleted, "Gone");
		this.client.delete().uri("/api/users/{id}", id).exchange().expectStatus().isNoContent();
		expectProblem(bulk("", Map.of("users", List.of(user(deleted, "Again")))), 409, "duplicate")
			.jsonPath("$.errors[0].field")
			.isEqualTo("users[0].email");
		bulk("", Map.of("skipDuplicates", true, "users", List.of(user(deleted, "Again")))).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.skipped")
			.isEqualTo(1);
		assertThat(countUsers(deleted)).isEqualTo(1);
		assertThat(Sql.string("SELECT name FROM users WHERE email = ?", deleted)).isEqualTo("Gone");
	}

	@Test
	void createsExactly1000UsersInOneStatement() throws SQLException {
		String batch = UUID.randomUUID().toString();
		List<Map<String, Object>> users = new ArrayList<>();
		for (int i = 0; i < UserService.MAX_BULK_USERS; i++) {
			users.add(user("max-" + i + "-" + batch + "@test.example", "Max " + i));
		}
		this.statements.reset();
		Map<String, Object> result = bulk("", Map.of("users", users)).expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(this.statements.count()).isEqualTo(1);
		assertThat(result).containsEntry("created", 1000).containsEntry("skipped", 0);
		List<String> ids = ids(result);
		assertThat(ids).hasSize(1000).doesNotHaveDuplicates();
		assertThat(Sql.string("SELECT count(*) FROM users WHERE email LIKE ?", "max-%-" + batch + "@test.example"))
			.isEqualTo("1000");
		assertThat(Sql.string("SELECT email FROM users WHERE id = ?", UUID.fromString(ids.get(999))))
			.isEqualTo("max-999-" + batch + "@test.example");
	}

	@Test
	void refusesMoreThan1000UsersWith400AndCreatesNothing() throws SQLException {
		String batch = UUID.randomUUID().toString();
		List<Map<String, Object>> users = new ArrayList<>();
		for (int i = 0; i <= UserService.MAX_BULK_USERS; i++) {
			users.add(user("over-" + i + "-" + batch + "@test.example", "Over " + i));
		}
		expectProblem(bulk("?skipDuplicates=true", Map.of("users", users)), 400, "validation")
			.jsonPath("$.errors[0].field")
			.isEqualTo("users");
		assertThat(Sql.string("SELECT count(*) FROM users WHERE email LIKE ?", "over-%-" + batch + "@test.example"))
			.isEqualTo("0");
	}

	@Test
	void refusesEmptyOrMissingListWith400() {
		expectProblem(bulk("", Map.of("users", List.of())), 400, "validation").jsonPath("$.errors[0].field")
			.isEqualTo("users");
		expectProblem(bulk("", Map.of("skipDuplicates", true)), 400, "validation").jsonPath("$.errors[0].field")
			.isEqualTo("users");
	}

	@Test
	void refusesInvalidElementsNamingEachByIndexAndCreatesNothing() throws SQLException {
		String valid = unique("bulk-valid");
		expectProblem(bulk("", Map.of("users", List.of(user(valid, "Valid"), user("not-an-email", "")))), 400,
				"validation")
			.jsonPath("$.errors[*].field")
			.value((List<String> fields) -> assertThat(fields).containsExactlyInAnyOrder("users[1].email",
					"users[1].name"));
		assertThat(countUsers(valid)).isZero();
	}

	@Test
	void refusesNullElementWith400NamingIt() throws SQLException {
		String valid = unique("bulk-null");
		List<Map<String, Object>> users = new ArrayList<>();
		users.add(user(valid, "Valid"));
		users.add(null);
		expectProblem(bulk("", Map.of("users", users)), 400, "validation").jsonPath("$.errors[0].field")
			.isEqualTo("users[1]");
		assertThat(countUsers(valid)).isZero();
	}

	@Test
	void refusesUnknownRoleAndBadQueryFlagWith400() throws SQLException {
		String email = unique("bulk-role");
		expectProblem(bulk("", Map.of("users", List.of(Map.of("email", email, "name", "R", "role", "EMPEROR")))), 400,
				"malformed-body");
		expectProblem(bulk("?skipDuplicates=yes", Map.of("users", List.of(user(email, "R")))), 400, "invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo("skipDuplicates");
		assertThat(countUsers(email)).isZero();
	}

	private WebTestClient.ResponseSpec bulk(String query, Object body) {
		return this.client.post()
			.uri("/api/users/bulk" + query)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private UUID create(String email, String name) {
		Map<String, Object> body = this.client.post()
			.uri("/api/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "name", name))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		return UUID.fromString((String) body.get("id"));
	}

	private static Map<String, Object> user(String email, String name) {
		Map<String, Object> user = new HashMap<>();
		user.put("email", email);
		user.put("name", name);
		return user;
	}

	@SuppressWarnings("unchecked")
	private static List<String> ids(Map<String, Object> result) {
		return (List<String>) result.get("ids");
	}

}
