package io.inkwell.user;

import java.sql.SQLException;
import java.util.HashMap;
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
import static io.inkwell.user.UserApiIntegrationTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ProfileApiIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	// this class tests the feature, not who may use it (security/ does): as an ADMIN, who
	// may do everything
	@BeforeEach
	void authenticateAsAdmin() {
		this.client = this.client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin()).build();
	}

	@Test
	void putCreatesProfileWith201ThenReplacesItWith200() throws SQLException {
		UUID id = createUser();
		put(id, Map.of("bio", "First", "avatar", "https://example.com/1.png")).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("Location", "/api/users/" + id + "/profile")
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo(id.toString())
			.jsonPath("$.bio")
			.isEqualTo("First")
			.jsonPath("$.postCount")
			.isEqualTo(0);
		assertThat(Sql.string("SELECT avatar FROM profiles WHERE user_id = ?", id))
			.isEqualTo("https://example.com/1.png");
		// a replacement: the absent avatar is cleared
		put(id, Map.of("bio", "Second")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.bio")
			.isEqualTo("Second")
			.jsonPath("$.avatar")
			.isEmpty();
		assertThat(Sql.string("SELECT count(*) FROM profiles WHERE user_id = ?", id)).isEqualTo("1");
		assertThat(Sql.string("SELECT bio FROM profiles WHERE user_id = ?", id)).isEqualTo("Second");
		assertThat(Sql.string("SELECT avatar FROM profiles WHERE user_id = ?", id)).isNull();
		this.client.get()
			.uri("/api/users/{id}/profile", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.bio")
			.isEqualTo("Second");
	}

	@Test
	void patchChangesPresentFieldsOnly() throws SQLException {
		UUID id = createUser();
		put(id, Map.of("bio", "Kept", "avatar", "https://example.com/old.png")).expectStatus().isCreated();
		patch(id, Map.of("avatar", "https://example.com/new.png")).expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.bio")
			.isEqualTo("Kept")
			.jsonPath("$.avatar")
			.isEqualTo("https://example.com/new.png");
		assertThat(Sql.string("SELECT bio FROM profiles WHERE user_id = ?", id)).isEqualTo("Kept");
		assertThat(Sql.string("SELECT avatar FROM profiles WHERE user_id = ?", id))
			.isEqualTo("https://example.com/new.png");
	}

	@Test
	void patchWithoutProfileIs404AndCreatesNone() throws SQLException {
		UUID id = createUser();
		expectProblem(patch(id, Map.of("bio", "Nope")), 404, "not-found");
		assertThat(Sql.string("SELECT count(*) FROM profiles WHERE user_id = ?", id)).isEqualTo("0");
	}

	@Test
	void unknownUserIs404ForEveryProfileRoute() throws SQLException {
		UUID unknown = UUID.randomUUID();
		expectProblem(put(unknown, Map.of("bio", "x")), 404, "not-found");
		expectProblem(patch(unknown, Map.of("bio", "x")), 404, "not-found");
		expectProblem(this.client.get().uri("/api/users/{id}/profile", unknown).exchange(), 404, "not-found");
		assertThat(Sql.string("SELECT count(*) FROM profiles WHERE user_id = ?", unknown)).isEqualTo("0");
	}

	@Test
	void softDeletedUserIs404AndItsProfileStaysAsItWas() throws SQLException {
		UUID id = createUser();
		put(id, Map.of("bio", "Before")).expectStatus().isCreated();
		this.client.delete().uri("/api/users/{id}", id).exchange().expectStatus().isNoContent();
		expectProblem(put(id, Map.of("bio", "Replaced")), 404, "not-found");
		expectProblem(patch(id, Map.of("bio", "Patched")), 404, "not-found");
		expectProblem(this.client.get().uri("/api/users/{id}/profile", id).exchange(), 404, "not-found");
		assertThat(Sql.string("SELECT bio FROM profiles WHERE user_id = ?", id)).isEqualTo("Before");
	}

	@Test
	void refusesInvalidProfileWith400AndChangesNothing() throws SQLException {
		UUID id = createUser();
		put(id, Map.of("bio", "Valid")).expectStatus().isCreated();
		expectProblem(put(id, Map.of("bio", "x".repeat(2001))), 400, "validation").jsonPath("$.errors[0].field")
			.isEqualTo("bio");
		expectProblem(patch(id, Map.of("avatar", "x".repeat(2049))), 400, "validation").jsonPath("$.errors[0].field")
			.isEqualTo("avatar");
		expectProblem(this.client.put()
			.uri("/api/users/{id}/profile", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"bio\": ")
			.exchange(), 400, "malformed-body");
		expectProblem(put(UUID.randomUUID().toString().substring(1), Map.of("bio", "x")), 400, "invalid-parameter");
		assertThat(Sql.string("SELECT bio FROM profiles WHERE user_id = ?", id)).isEqualTo("Valid");
	}

	private UUID createUser() {
		Map<String, Object> body = this.client.post()
			.uri("/api/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", unique("profile"), "name", "Profiled"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		return UUID.fromString((String) body.get("id"));
	}

	private WebTestClient.ResponseSpec put(Object id, Map<String, Object> body) {
		return this.client.put()
			.uri("/api/users/{id}/profile", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new HashMap<>(body))
			.exchange();
	}

	private WebTestClient.ResponseSpec patch(UUID id, Map<String, Object> body) {
		return this.client.patch()
			.uri("/api/users/{id}/profile", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
