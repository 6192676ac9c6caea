package io.inkwell.security;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.inkwell.audit.AuditLog;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static io.inkwell.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AuthApiIntegrationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final String PASSWORD = "a long enough password";

	@Autowired
	WebTestClient client;

	@Autowired
	AuthRepository accounts;

	@Autowired
	TokenIssuer issuer;

	@Autowired
	AccountStates states;

	@Autowired
	AuditLog audit;

	@Autowired
	TransactionalOperator transactional;

	@Test
	void registersAUserWithABcryptHashAndReturns201() throws SQLException {
		String email = unique("register");
		Map<String, Object> body = register(Map.of("email", email.toUpperCase(), "name", " Reg ", "password", PASSWORD))
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches(HttpHeaders.LOCATION, "/api/users/[0-9a-f-]{36}")
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsOnlyKeys("id", "email", "name", "role", "credits", "createdAt", "updatedAt")
			.containsEntry("email", email)
			.containsEntry("credits", 0)
			.containsEntry("name", "Reg")
			.containsEntry("role", "USER");
		String hash = Sql.string("SELECT password_hash FROM users WHERE email = ?", email);
		assertThat(hash).startsWith("$2a$10$").doesNotContain(PASSWORD);
		assertThat(new BCryptPasswordEncoder().matches(PASSWORD, hash)).isTrue();
	}

	@Test
	void refusesShortOrOverlongPasswordsAndWritesNothing() throws SQLException {
		String email = unique("weak");
		expectProblem(register(Map.of("email", email, "name", "Weak", "password", "elevenchars")), 400, "validation")
			.jsonPath("$.errors[0].field")
			.isEqualTo("password");
		// 37 two-byte characters: 74 bytes, more than bcrypt reads
		expectProblem(register(Map.of("email", email, "name", "Long", "password", "é".repeat(37))), 400, "validation")
			.jsonPath("$.errors[0].field")
			.isEqualTo("password");
		assertThat(Sql.count("SELECT count(*) FROM users WHERE email = ?", email)).isZero();
	}

	@Test
	void refusesARegistrationWithATakenEmailWith409() throws SQLException {
		UUID existing = Tokens.createUser(Role.USER, "taken");
		String email = Tokens.emailOf("taken", existing);
		expectProblem(register(Map.of("email", email, "name", "Again", "password", PASSWORD)), 409, "duplicate")
			.jsonPath("$.errors[0].field")
			.isEqualTo("email");
		assertThat(Sql.count("SELECT count(*) FROM users WHERE email = ?", email)).isEqualTo(1);
	}

	@Test
	void logsInAndTheTokenIdentifiesTheUser() {
		UUID id = Tokens.createUser(Role.MODERATOR, "login");
		Instant before = Instant.now();
		Map<String, Object> body = login(Tokens.emailOf("login", id), Tokens.PASSWORD).expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsOnlyKeys("token", "tokenType", "expiresAt").containsEntry("tokenType", "Bearer");
		Instant expiresAt = Instant.parse((String) body.get("expiresAt"));
		assertThat(expiresAt).isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1)));
		this.client.get()
			.uri("/api/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + body.get("token"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id.toString())
			.jsonPath("$.role")
			.isEqualTo("MODERATOR")
			.jsonPath("$.email")
			.isEqualTo(Tokens.emailOf("login", id))
			.jsonPath("$.credits")
			.isEqualTo(0);
	}

	@Test
	void acceptsTheEmailInAnyCaseAndWithSurroundingSpaces() {
		UUID id = Tokens.createUser(Role.USER, "case");
		login("  " + Tokens.emailOf("case", id).toUpperCase() + " ", Tokens.PASSWORD).expectStatus().isOk();
	}

	@Test
	void answersEveryFailedLoginTheSameWhetherTheEmailExistsOrNot() throws SQLException {
		UUID live = Tokens.createUser(Role.USER, "uniform");
		UUID deleted = Tokens.createUser(Role.USER, "uniform-deleted");
		Sql.execute("UPDATE users SET deleted_at = now() WHERE id = ?", deleted);
		UUID withoutPassword = Tokens.createUser(Role.USER, "uniform-nopass");
		Sql.execute("UPDATE users SET password_hash = NULL WHERE id = ?", withoutPassword);
		List<Map<String, Object>> answers = List.of(failedLogin(Tokens.emailOf("uniform", live), "wrong password!"),
				failedLogin(unique("nobody"), Tokens.PASSWORD),
				failedLogin(Tokens.emailOf("uniform-deleted", deleted), Tokens.PASSWORD),
				failedLogin(Tokens.emailOf("uniform-nopass", withoutPassword), Tokens.PASSWORD));
		assertThat(answers).allSatisfy((answer) -> assertThat(answer).isEqualTo(answers.get(0)));
		assertThat(answers.get(0)).containsEntry("type", "urn:inkwell:problem:unauthorized")
			.containsEntry("status", 401)
			.containsEntry("detail", "e-mail or password is wrong");
	}

	@Test
	void checksOnePasswordHashPerLoginAlsoForAnUnknownEmail() {
		AtomicInteger checks = new AtomicInteger();
		PasswordEncoder bcrypt = new BCryptPasswordEncoder();
		PasswordEncoder counting = new PasswordEncoder() {
			@Override
			public String encode(CharSequence raw) {
				return bcrypt.encode(raw);
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				checks.incrementAndGet();
				return bcrypt.matches(raw, encoded);
			}
		};
		AuthService auth = new AuthService(this.accounts, counting, this.issuer, this.states, this.audit,
				this.transactional);
		UUID id = Tokens.createUser(Role.USER, "work");
		auth.login(new LoginRequest(unique("unknown"), Tokens.PASSWORD))
			.as(StepVerifier::create)
			.expectError()
			.verify();
		assertThat(checks).hasValue(1);
		auth.login(new LoginRequest(Tokens.emailOf("work", id), "wrong password"))
			.as(StepVerifier::create)
			.expectError()
			.verify();
		assertThat(checks).hasValue(2);
		auth.login(new LoginRequest(Tokens.emailOf("work", id), Tokens.PASSWORD))
			.as(StepVerifier::create)
			.expectNextCount(1)
			.verifyComplete();
		assertThat(checks).hasValue(3);
	}

	@Test
	void refusesTheMeOfATokenWhoseUserWasDeletedSince() throws SQLException {
		UUID id = Tokens.createUser(Role.USER, "gone");
		String token = "Bearer " + this.issuer.issue(id, Role.USER).token();
		Sql.execute("UPDATE users SET deleted_at = now() WHERE id = ?", id);
		expectProblem(this.client.get().uri("/api/auth/me").header(HttpHeaders.AUTHORIZATION, token).exchange(), 401,
				"unauthorized");
	}

	@Test
	void refusesMalformedLoginBodiesWith400() {
		expectProblem(this.client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\": ")
			.exchange(), 400, "malformed-body");
		Map<String, Object> noPassword = new HashMap<>();
		noPassword.put("email", "x@test.example");
		expectProblem(this.client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(noPassword)
			.exchange(), 400, "validation").jsonPath("$.errors[0].field").isEqualTo("password");
	}

	private Map<String, Object> failedLogin(String email, String password) {
		return login(email, password).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec login(String email, String password) {
		return this.client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password))
			.exchange();
	}

	private WebTestClient.ResponseSpec register(Map<String, Object> body) {
		return this.client.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private static WebTestClient.BodyContentSpec expectProblem(WebTestClient.ResponseSpec response, int status,
			String slug) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:" + slug)
			.jsonPath("$.status")
			.isEqualTo(status);
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID() + "@test.example";
	}

}
