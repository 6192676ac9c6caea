package io.inkwell.user;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inkwell.security.Role;
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
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class UserApiIntegrationTests {

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
	void createsUserWithProfileAndReturns201WithLocation() throws SQLException {
		String email = unique("create");
		Map<String, Object> body = this.client.post()
			.uri("/api/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email.toUpperCase(), "name", " Ada ", "profile", Map.of("bio", "hello")))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/api/users/[0-9a-f-]{36}")
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		// the ADMIN's view is the private one: e-mail and credits included
		assertThat(body).containsOnlyKeys("id", "email", "name", "role", "credits", "createdAt", "updatedAt");
		assertThat(body).containsEntry("email", email)
			.containsEntry("name", "Ada")
			.containsEntry("role", "USER")
			.containsEntry("credits", 0);
		UUID id = UUID.fromString((String) body.get("id"));
		assertThat(id.version()).isEqualTo(7);
		assertThat(Sql.string("SELECT bio FROM profiles WHERE user_id = ?", id)).isEqualTo("hello");
		this.client.get()
			.uri("/api/users/{id}/profile", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.bio")
			.isEqualTo("hello")
			.jsonPath("$.postCount")
			.isEqualTo(0);
	}

	@Test
	void getsUserById() {
		UUID id = create(unique("get"), "Grace");
		this.client.get()
			.uri("/api/users/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id.toString())
			.jsonPath("$.name")
			.isEqualTo("Grace")
			.jsonPath("$.role")
			.isEqualTo("USER")
			.jsonPath("$.createdAt")
			.value((String value) -> assertThat(value).matches("\\d{4}-\\d{2}-\\d{2}T.*Z"))
			// an ADMIN sees the private view (before issue #26 credits were never shown)
			.jsonPath("$.credits")
			.isEqualTo(0)
			.jsonPath("$.email")
			.exists();
	}

	@Test
	void showsEmailAndCreditsOnlyToTheUserThemselfAndAdmins() throws SQLException {
		String email = unique("private");
		UUID id = create(email, "Priv");
		Sql.execute("UPDATE users SET credits = 42 WHERE id = ?", id);
		WebTestClient anonymous = this.client.mutate()
			.defaultHeaders((headers) -> headers.remove(HttpHeaders.AUTHORIZATION))
			.build();
		Map<String, Object> publicView = getUser(anonymous, id);
		assertThat(publicView).containsOnlyKeys("id", "name", "role", "createdAt", "updatedAt")
			.containsEntry("name", "Priv");
		UUID other = Tokens.createUser(Role.USER, "other");
		Map<String, Object> othersView = getUser(
				anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.user(other)).build(), id);
		assertThat(othersView).doesNotContainKeys("email", "credits");
		Map<String, Object> ownView = getUser(
				anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.user(id)).build(), id);
		assertThat(ownView).containsEntry("email", email).containsEntry("credits", 42);
		assertThat(getUser(this.client, id)).containsEntry("email", email).containsEntry("credits", 42);
	}

	private static Map<String, Object> getUser(WebTestClient client, UUID id) {
		return client.get()
			.uri("/api/users/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	@Test
	void answers404ForUnknownUser() {
		expectProblem(this.client.get().uri("/api/users/{id}", UUID.randomUUID()).exchange(), 404, "not-found");
	}

	@Test
	void answers400ForMalformedUuidInPath() {
		expectProblem(this.client.get().uri("/api/users/not-a-uuid").exchange(), 400, "invalid-parameter")
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
		expectProblem(this.client.get().uri("/api/users/1-1-1-1-1").exchange(), 400, "invalid-parameter");
	}

	@Test
	void rejectsDuplicateEmailWith409NamingTheField() throws SQLException {
		String email = unique("dup");
		create(email, "First");
		expectProblem(post(Map.of("email", email, "name", "Second")), 409, "duplicate").jsonPath("$.errors[0].field")
			.isEqualTo("email");
		assertThat(countUsers(email)).isEqualTo(1);
		assertThat(Sql.string("SELECT name FROM users WHERE email = ?", email)).isEqualTo("First");
	}

	@Test
	void rejectsInvalidFieldsWith400ListingEachField() throws SQLException {
		String email = "not-an-email-" + UUID.randomUUID();
		expectProblem(post(Map.of("email", email, "name", "", "profile", Map.of("bio", "x".repeat(2001)))), 400,
				"validation")
			.jsonPath("$.errors[*].field")
			.value((List<String> fields) -> assertThat(fields).containsExactlyInAnyOrder("email", "name",
					"profile.bio"));
		assertThat(countUsers(email)).isZero();
	}

	@Test
	void rejectsMalformedJsonWith400() {
		expectProblem(this.client.post()
			.uri("/api/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\": \"a@b.c\", ")
			.exchange(), 400, "malformed-body");
	}

	@Test
	void rejectsWrongJsonTypesWith400() {
		expectProblem(this.client.post()
			.uri("/api/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\": [\"a@b.c\"], \"name\": {\"x\": 1}}")
			.exchange(), 400, "malformed-body");
		expectProblem(post(Map.of("email", unique("role"), "name", "R", "role", "EMPEROR")), 400, "malformed-body");
	}

	@Test
	void rejectsMissingBodyWith400() {
		expectProblem(this.client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON).exchange(), 400,
				"malformed-body");
	}

	@Test
	void rejectsTooLargeBodyWith413() throws SQLException {
		String email = unique("large");
		String huge = "{\"email\":\"" + email + "\",\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
		expectProblem(
				this.client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON).bodyValue(huge).exchange(),
				413, "payload-too-large");
		assertThat(countUsers(email)).isZero();
	}

	@Test
	void rejectsUnsupportedMediaTypeWith415() {
		expectProblem(this.client.post()
			.uri("/api/users")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("email=a@b.c")
			.exchange(), 415, "unsupported-media-type");
	}

	@Test
	void answersUnknownRoutesWithProblems() {
		expectProblem(this.client.get().uri("/api/nothing-here").exchange(), 404, "not-found");
		expectProblem(this.client.get().uri("/api/users/{id}/nothing", UUID.randomUUID()).exchange(), 404, "not-found");
	}

	@Test
	void pagesThroughUsersWithCursorSeeingEachExactlyOnce() {
		List<UUID> created = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			created.add(create(unique("page" + i), "Pager " + i));
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			String uri = "/api/users?limit=3" + ((cursor != null) ? "&cursor=" + cursor : "");
			Map<String, Object> page = this.client.get()
				.uri(uri)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.returnResult()
				.getResponseBody();
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> data = (List<Map<String, Object>>) page.get("data");
			assertThat(data).hasSizeLessThanOrEqualTo(3);
			data.forEach((user) -> seen.add((String) user.get("id")));
			cursor = (String) page.get("nextCursor");
			pages++;
		}
		while (cursor != null && pages < 10_000);
		assertThat(seen).doesNotHaveDuplicates();
		assertThat(seen).isSorted();
		assertThat(seen).containsAll(created.stream().map(UUID::toString).toList());
		assertThat(seen.subList(seen.size() - 7, seen.size()))
			.containsExactlyElementsOf(created.stream().map(UUID::toString).toList());
	}

	@Test
	void listsAPageInOneStatement() {
		create(unique("one-statement"), "One");
		this.statements.reset();
		this.client.get().uri("/api/users?limit=50").exchange().expectStatus().isOk();
		assertThat(this.statements.count()).isEqualTo(1);
	}

	@Test
	void capsPageSizeAt100AndRejectsBadPagingParameters() {
		for (int i = 0; i < 101; i++) {
			create(unique("cap" + i), "Cap");
		}
		this.client.get()
			.uri("/api/users?limit=5000")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.length()")
			.isEqualTo(100)
			.jsonPath("$.nextCursor")
			.isNotEmpty();
		expectProblem(this.client.get().uri("/api/users?limit=abc").exchange(), 400, "invalid-parameter");
		expectProblem(this.client.get().uri("/api/users?limit=0").exchange(), 400, "invalid-parameter");
		expectProblem(this.client.get().uri("/api/users?cursor=%27%3B--").exchange(), 400, "invalid-parameter");
	}

	@Test
	void updatesPresentFieldsOnly() throws SQLException {
		String email = unique("patch");
		UUID id = create(email, "Before");
		this.client.patch()
			.uri("/api/users/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "After", "profile", Map.of("avatar", "https://example.com/a.png")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("After")
			.jsonPath("$.email")
			.isEqualTo(email);
		assertThat(Sql.string("SELECT avatar FROM profiles WHERE user_id = ?", id))
			.isEqualTo("https://example.com/a.png");
		expectProblem(this.client.patch()
			.uri("/api/users/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "   "))
			.exchange(), 400, "validation");
		assertThat(Sql.string("SELECT name FROM users WHERE id = ?", id)).isEqualTo("After");
	}

	@Test
	void patchToAnotherUsersEmailIs409AndChangesNothing() throws SQLException {
		String taken = unique("taken");
		create(taken, "Owner");
		String mine = unique("mine");
		UUID id = create(mine, "Me");
		expectProblem(this.client.patch()
			.uri("/api/users/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", taken, "name", "Renamed"))
			.exchange(), 409, "duplicate");
		assertThat(Sql.string("SELECT email FROM users WHERE id = ?", id)).isEqualTo(mine);
		assertThat(Sql.string("SELECT name FROM users WHERE id = ?", id)).isEqualTo("Me");
	}

	@Test
	void hidesSoftDeletedUserAndRestoresIt() throws SQLException {
		UUID id = create(unique("soft"), "Soft");
		this.client.delete().uri("/api/users/{id}", id).exchange().expectStatus().isNoContent();
		assertThat(Sql.string("SELECT deleted_at IS NOT NULL FROM users WHERE id = ?", id)).isEqualTo("t");
		expectProblem(this.client.get().uri("/api/users/{id}", id).exchange(), 404, "not-found");
		expectProblem(this.client.delete().uri("/api/users/{id}", id).exchange(), 404, "not-found");
		this.client.get()
			.uri("/api/users?limit=100")
			.exchange()
			.expectBody()
			.jsonPath("$.data[?(@.id == '" + id + "')]")
			.doesNotExist();
		this.client.post()
			.uri("/api/users/{id}/restore", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id.toString());
		this.client.get().uri("/api/users/{id}", id).exchange().expectStatus().isOk();
		expectProblem(this.client.post().uri("/api/users/{id}/restore", UUID.randomUUID()).exchange(), 404,
				"not-found");
	}

	private WebTestClient.ResponseSpec post(Object body) {
		return this.client.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	private UUID create(String email, String name) {
		Map<String, Object> body = post(Map.of("email", email, "name", name)).expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		return UUID.fromString((String) body.get("id"));
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID() + "@test.example";
	}

	static int countUsers(String email) throws SQLException {
		return Integer.parseInt(Sql.string("SELECT count(*) FROM users WHERE email = ?", email.toLowerCase()));
	}

}
