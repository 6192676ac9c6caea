package io.inkwell.user;

import java.sql.SQLException;
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
class UserUpsertApiIntegrationTests {

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
	void createsAbsentUserWith201AndLocationInOneStatement() throws SQLException {
		String email = unique("upsert-new");
		this.statements.reset();
		Map<String, Object> body = put(email.toUpperCase(), Map.of("name", " Nia ")).expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/api/users/[0-9a-f-]{36}")
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(this.statements.count()).isEqualTo(1);
		assertThat(body).containsOnlyKeys("id", "email", "name", "role", "credits", "createdAt", "updatedAt");
		assertThat(body).containsEntry("email", email).containsEntry("name", "Nia").containsEntry("role", "USER");
		assertThat(countUsers(email)).isEqualTo(1);
		assertThat(Sql.string("SELECT id::text FROM users WHERE email = ?", email)).isEqualTo(body.get("id"));
	}

	@Test
	void updatesPresentUserWith200KeepingIdAndRoleWhenRoleIsAbsent() throws SQLException {
		String email = unique("upsert-old");
		String id = put(email, Map.of("name", "Before", "role", "MODERATOR")).expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
		put(email.toUpperCase(), Map.of("name", "After")).expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Location")
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id)
			.jsonPath("$.name")
			.isEqualTo("After")
			.jsonPath("$.role")
			.isEqualTo("MODERATOR");
		assertThat(countUsers(email)).isEqualTo(1);
		assertThat(Sql.string("SELECT name FROM users WHERE id = ?", UUID.fromString(id))).isEqualTo("After");
		put(email, Map.of("name", "After", "role", "ADMIN")).expectStatus().isOk();
		assertThat(Sql.string("SELECT role::text FROM users WHERE id = ?", UUID.fromString(id))).isEqualTo("ADMIN");
	}

	@Test
	void softDeletedUserIs409AndStaysAsItWas() throws SQLException {
		String email = unique("upsert-deleted");
		String id = put(email, Map.of("name", "Deleted")).expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
		this.client.delete().uri("/api/users/{id}", id).exchange().expectStatus().isNoContent();
		expectProblem(put(email, Map.of("name", "Revived", "role", "ADMIN")), 409, "duplicate")
			.jsonPath("$.errors[0].field")
			.isEqualTo("email");
		UUID userId = UUID.fromString(id);
		assertThat(Sql.string("SELECT name FROM users WHERE id = ?", userId)).isEqualTo("Deleted");
		assertThat(Sql.string("SELECT role::text FROM users WHERE id = ?", userId)).isEqualTo("USER");
		assertThat(Sql.string("SELECT deleted_at IS NOT NULL FROM users WHERE id = ?", userId)).isEqualTo("t");
		assertThat(countUsers(email)).isEqualTo(1);
	}

	@Test
	void refusesInvalidEmailInPathWith400() throws SQLException {
		expectProblem(put("not-an-email", Map.of("name", "X")), 400, "validation").jsonPath("$.errors[0].field")
			.isEqualTo("email");
		assertThat(countUsers("not-an-email")).isZero();
	}

	@Test
	void refusesInvalidBodyWith400AndChangesNothing() throws SQLException {
		String email = unique("upsert-invalid");
		put(email, Map.of("name", "Valid")).expectStatus().isCreated();
		expectProblem(put(email, Map.of("name", "  ")), 400, "validation").jsonPath("$.errors[0].field")
			.isEqualTo("name");
		expectProblem(put(email, Map.of("name", "X".repeat(201))), 400, "validation");
		expectProblem(put(email, Map.of("name", "X", "role", "EMPEROR")), 400, "malformed-body");
		expectProblem(this.client.put()
			.uri("/api/users/by-email/{email}", email)
			.contentType(MediaType.APPLICATION_JSON)
			.exchange(), 400, "malformed-body");
		assertThat(Sql.string("SELECT name FROM users WHERE email = ?", email)).isEqualTo("Valid");
	}

	private WebTestClient.ResponseSpec put(String email, Object body) {
		return this.client.put()
			.uri("/api/users/by-email/{email}", email)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
