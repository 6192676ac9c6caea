package io.inkwell.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.inkwell.db.Ids;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.RouterWalk;
import io.inkwell.support.RouterWalk.Route;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * Every endpoint × every kind of caller, from the one table below: anonymous, the user
 * who owns the resource, another user, a moderator and an admin. Each cell runs against
 * fresh data (a new owner with a published post, a draft, a soft-deleted post, a comment
 * on someone else's post, a category), so destructive cells do not disturb each other. A
 * route the application serves without a row here, or without a row in
 * {@link AccessRules}, fails the build.
 */
@IntegrationTest
class AuthorizationMatrixIntegrationTests {

	/** Who calls, in the order of a row's expected statuses. */
	enum Who {

		ANONYMOUS, USER, OTHER_USER, MODERATOR, ADMIN

	}

	static final String PASSWORD = "matrix password 1234";

	/**
	 * The one table: method, route pattern, what the cell sends, expected status per
	 * {@link Who}.
	 */
	static final List<Row> MATRIX = List.of(
			// authentication
			row(POST, "/api/auth/register", "", (s) -> "/api/auth/register",
					(s) -> Map.of("email", "reg-" + s.unique() + "@test.example", "name", "Reg", "password", PASSWORD),
					201, 201, 201, 201, 201),
			row(POST, "/api/auth/login", "", (s) -> "/api/auth/login",
					(s) -> Map.of("email", s.email(), "password", Tokens.PASSWORD), 200, 200, 200, 200, 200),
			row(GET, "/api/auth/me", "", (s) -> "/api/auth/me", null, 401, 200, 200, 200, 200),
			row(POST, "/api/auth/logout-all", "", (s) -> "/api/auth/logout-all", null, 401, 204, 204, 204, 204),

			// users
			row(GET, "/api/users/{id}", "", (s) -> "/api/users/" + s.user(), null, 200, 200, 200, 200, 200),
			row(GET, "/api/users/{id}/profile", "", (s) -> "/api/users/" + s.user() + "/profile", null, 200, 200, 200,
					200, 200),
			row(POST, "/api/users", "", (s) -> "/api/users",
					(s) -> Map.of("email", "new-" + s.unique() + "@test.example", "name", "New"), 401, 403, 403, 403,
					201),
			row(POST, "/api/users/bulk", "", (s) -> "/api/users/bulk",
					(s) -> Map.of("users",
							List.of(Map.of("email", "bulk-" + s.unique() + "@test.example", "name", "B"))),
					401, 403, 403, 403, 201),
			row(PUT, "/api/users/by-email/{email}", "",
					(s) -> "/api/users/by-email/upsert-" + s.unique() + "@test.example", (s) -> Map.of("name", "Up"),
					401, 403, 403, 403, 201),
			row(GET, "/api/users", "", (s) -> "/api/users?limit=1", null, 401, 403, 403, 403, 200),
			row(POST, "/api/users/{id}/restore", "", (s) -> "/api/users/" + s.user() + "/restore", null, 401, 403, 403,
					403, 200),
			row(POST, "/api/users/{id}/revoke-tokens", "", (s) -> "/api/users/" + s.user() + "/revoke-tokens", null,
					401, 403, 403, 403, 204),
			row(GET, "/api/users/{id}/transfers", "", (s) -> "/api/users/" + s.user() + "/transfers", null, 401, 200,
					403, 403, 200),
			row(POST, "/api/users/{id}/credits", "", (s) -> "/api/users/" + s.user() + "/credits",
					(s) -> Map.of("amount", 5, "reason", "matrix"), 401, 403, 403, 403, 201),
			row(DELETE, "/api/admin/users/{id}", "", (s) -> "/api/admin/users/" + s.user(), null, 401, 403, 403, 403,
					204),
			row(PATCH, "/api/users/{id}", "name", (s) -> "/api/users/" + s.user(), (s) -> Map.of("name", "Renamed"),
					401, 200, 403, 403, 200),
			row(PATCH, "/api/users/{id}", "role", (s) -> "/api/users/" + s.user(), (s) -> Map.of("role", "ADMIN"), 401,
					403, 403, 403, 200),
			row(DELETE, "/api/users/{id}", "", (s) -> "/api/users/" + s.user(), null, 401, 204, 403, 403, 204),
			row(PUT, "/api/users/{id}/profile", "", (s) -> "/api/users/" + s.user() + "/profile",
					(s) -> Map.of("bio", "Replaced"), 401, 200, 403, 403, 200),
			row(PATCH, "/api/users/{id}/profile", "", (s) -> "/api/users/" + s.user() + "/profile",
					(s) -> Map.of("bio", "Patched"), 401, 200, 403, 403, 200),
			row(POST, "/api/users/{authorId}/posts/publish-drafts", "",
					(s) -> "/api/users/" + s.user() + "/posts/publish-drafts", null, 401, 200, 403, 403, 200),

			// posts
			row(GET, "/api/posts", "", (s) -> "/api/posts?authorId=" + s.user(), null, 200, 200, 200, 200, 200),
			row(GET, "/api/posts/{id}", "published", (s) -> "/api/posts/" + s.published(), null, 200, 200, 200, 200,
					200),
			row(GET, "/api/posts/{id}", "draft", (s) -> "/api/posts/" + s.draft(), null, 404, 200, 404, 404, 200),
			row(POST, "/api/posts", "", (s) -> "/api/posts", (s) -> Map.of("authorId", s.user(), "title", "Mine"), 401,
					201, 403, 403, 201),
			row(DELETE, "/api/posts", "", (s) -> "/api/posts?status=DRAFT&olderThanDays=36500", null, 401, 403, 403,
					403, 200),
			row(DELETE, "/api/admin/posts/{id}", "", (s) -> "/api/admin/posts/" + s.published(), null, 401, 403, 403,
					403, 204),
			row(PATCH, "/api/posts/{id}", "title", (s) -> "/api/posts/" + s.published(),
					(s) -> Map.of("title", "Edited"), 401, 200, 403, 403, 200),
			row(PATCH, "/api/posts/{id}", "archive", (s) -> "/api/posts/" + s.published(),
					(s) -> Map.of("status", "ARCHIVED"), 401, 200, 403, 200, 200),
			row(PATCH, "/api/posts/{id}", "draft", (s) -> "/api/posts/" + s.draft(),
					(s) -> Map.of("status", "ARCHIVED"), 401, 200, 404, 404, 200),
			row(DELETE, "/api/posts/{id}", "", (s) -> "/api/posts/" + s.published(), null, 401, 204, 403, 403, 204),
			row(POST, "/api/posts/{id}/restore", "", (s) -> "/api/posts/" + s.deleted() + "/restore", null, 401, 200,
					404, 404, 200),
			row(POST, "/api/posts/{id}/publish", "", (s) -> "/api/posts/" + s.draft() + "/publish", null, 401, 200, 404,
					404, 200),
			row(POST, "/api/posts/{id}/categories", "", (s) -> "/api/posts/" + s.published() + "/categories",
					(s) -> Map.of("categoryIds", List.of(s.category())), 401, 200, 403, 403, 200),
			row(PUT, "/api/posts/{id}/categories", "", (s) -> "/api/posts/" + s.published() + "/categories",
					(s) -> Map.of("categoryIds", List.of(s.category())), 401, 200, 403, 403, 200),
			row(DELETE, "/api/posts/{id}/categories/{categoryId}", "",
					(s) -> "/api/posts/" + s.published() + "/categories/" + s.category(), null, 401, 204, 403, 403,
					204),

			// comments (the comment is the owner's, on another user's published post)
			row(GET, "/api/posts/{postId}/comments", "published", (s) -> "/api/posts/" + s.othersPost() + "/comments",
					null, 200, 200, 200, 200, 200),
			row(GET, "/api/posts/{postId}/comments", "draft", (s) -> "/api/posts/" + s.draft() + "/comments", null, 404,
					200, 404, 404, 200),
			row(GET, "/api/comments/{id}", "", (s) -> "/api/comments/" + s.comment(), null, 200, 200, 200, 200, 200),
			row(POST, "/api/posts/{postId}/comments", "", (s) -> "/api/posts/" + s.othersPost() + "/comments",
					(s) -> Map.of("authorId", s.user(), "content", "Mine"), 401, 201, 403, 403, 201),
			row(PATCH, "/api/comments/{id}", "", (s) -> "/api/comments/" + s.comment(),
					(s) -> Map.of("content", "Edit"), 401, 200, 403, 403, 200),
			row(DELETE, "/api/comments/{id}", "", (s) -> "/api/comments/" + s.comment(), null, 401, 204, 403, 204, 204),

			// categories
			row(GET, "/api/categories", "", (s) -> "/api/categories?limit=1", null, 200, 200, 200, 200, 200),
			row(GET, "/api/categories/{id}", "", (s) -> "/api/categories/" + s.category(), null, 200, 200, 200, 200,
					200),
			row(POST, "/api/categories", "", (s) -> "/api/categories", (s) -> Map.of("name", "Cat " + s.unique()), 401,
					403, 403, 403, 201),
			row(PATCH, "/api/categories/{id}", "", (s) -> "/api/categories/" + s.category(),
					(s) -> Map.of("name", "Renamed " + s.unique()), 401, 403, 403, 403, 200),
			row(DELETE, "/api/categories/{id}", "", (s) -> "/api/categories/" + s.category(), null, 401, 403, 403, 403,
					204),

			// transfers (the owner sends to a third user; OTHER_USER is no party)
			row(POST, "/api/transfers", "", (s) -> "/api/transfers",
					(s) -> Map.of("fromUserId", s.user(), "toUserId", s.recipient(), "amount", 1), 401, 201, 403, 403,
					201),
			row(GET, "/api/transfers/{id}", "", (s) -> "/api/transfers/" + s.transfer(), null, 401, 200, 403, 403, 200),

			// statistics and the export
			row(GET, "/api/stats/posts-per-day", "", (s) -> "/api/stats/posts-per-day", null, 200, 200, 200, 200, 200),
			row(GET, "/api/stats/top-authors", "", (s) -> "/api/stats/top-authors", null, 200, 200, 200, 200, 200),
			row(GET, "/api/posts/export", "published", (s) -> "/api/posts/export?authorId=" + s.user(), null, 200, 200,
					200, 200, 200),
			row(GET, "/api/posts/export", "draft", (s) -> "/api/posts/export?status=DRAFT&authorId=" + s.user(), null,
					403, 403, 403, 403, 200),

			// operations dashboard: a public page over ADMIN-only data
			row(GET, "/ops", "", (s) -> "/ops", null, 200, 200, 200, 200, 200),
			row(GET, "/ops/", "", (s) -> "/ops/", null, 200, 200, 200, 200, 200),
			row(GET, "/ops/dashboard.js", "", (s) -> "/ops/dashboard.js", null, 200, 200, 200, 200, 200),
			row(GET, "/ops/dashboard.css", "", (s) -> "/ops/dashboard.css", null, 200, 200, 200, 200, 200),
			row(GET, "/api/ops", "", (s) -> "/api/ops", null, 401, 403, 403, 403, 200),
			row(GET, "/api/ops/pool", "", (s) -> "/api/ops/pool", null, 401, 403, 403, 403, 200),
			row(GET, "/api/ops/migrations", "", (s) -> "/api/ops/migrations", null, 401, 403, 403, 403, 200),
			row(GET, "/api/ops/queries", "", (s) -> "/api/ops/queries", null, 401, 403, 403, 403, 200),
			row(GET, "/api/ops/slow-queries", "", (s) -> "/api/ops/slow-queries", null, 401, 403, 403, 403, 200),
			row(GET, "/api/ops/indexes", "", (s) -> "/api/ops/indexes", null, 401, 403, 403, 403, 200),
			row(GET, "/api/ops/storage", "", (s) -> "/api/ops/storage", null, 401, 403, 403, 403, 200),
			row(GET, "/api/ops/config", "", (s) -> "/api/ops/config", null, 401, 403, 403, 403, 200),
			row(GET, "/api/ops/seed", "", (s) -> "/api/ops/seed", null, 401, 403, 403, 403, 200),
			row(GET, "/api/ops/backup", "", (s) -> "/api/ops/backup", null, 401, 403, 403, 403, 200),
			row(GET, "/api/ops/tables", "", (s) -> "/api/ops/tables", null, 401, 403, 403, 403, 200),
			row(GET, "/api/ops/tables/{name}", "", (s) -> "/api/ops/tables/categories", null, 401, 403, 403, 403, 200),

			// API documentation
			row(GET, "/openapi.yaml", "", (s) -> "/openapi.yaml", null, 200, 200, 200, 200, 200),
			row(GET, "/v3/api-docs", "", (s) -> "/v3/api-docs", null, 200, 200, 200, 200, 200),
			row(GET, "/docs", "", (s) -> "/docs", null, 200, 200, 200, 200, 200),
			row(GET, "/docs/{asset}", "", (s) -> "/docs/swagger-initializer.js", null, 200, 200, 200, 200, 200),

			// operations (not router functions, but in the table all the same)
			row(GET, "/actuator/health/**", "", (s) -> "/actuator/health/liveness", null, 200, 200, 200, 200, 200),
			row(GET, "/actuator/prometheus", "", (s) -> "/actuator/prometheus", null, 200, 200, 200, 200, 200));

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	@Autowired
	ApplicationContext context;

	private final UUID otherUser = Tokens.createUser(Role.USER, "other");

	private final UUID moderator = Tokens.createUser(Role.MODERATOR, "moderator");

	private final UUID admin = Tokens.createUser(Role.ADMIN, "admin");

	@TestFactory
	Stream<DynamicTest> answersEveryCallerOfEveryEndpointAsTheTableSays() {
		return MATRIX.stream()
			.flatMap((row) -> Stream.of(Who.values())
				.map((who) -> DynamicTest.dynamicTest(row + " as " + who + " -> " + row.expected(who),
						() -> check(row, who))));
	}

	/**
	 * Every row again with the token of an account that changed after the token was
	 * issued (through the API, after the token was used once, so that its state was
	 * cached): a demoted ADMIN is answered like any other user ({@link Who#OTHER_USER}),
	 * a soft-deleted user and a revoked token get 401 on every row, public ones included.
	 */
	@TestFactory
	Stream<DynamicTest> answersTheTokensOfDemotedDeletedAndRevokedAccountsAsTheirAccountIsNow() {
		return MATRIX.stream()
			.flatMap((row) -> Stream.of(
					DynamicTest.dynamicTest(row + " as a demoted ADMIN -> " + row.expected(Who.OTHER_USER),
							() -> check(row, changedAccount(Role.ADMIN, PATCH, "", Map.of("role", "USER")),
									row.expected(Who.OTHER_USER))),
					DynamicTest.dynamicTest(row + " as a soft-deleted user -> 401",
							() -> check(row, changedAccount(Role.USER, DELETE, "", null), 401)),
					DynamicTest.dynamicTest(row + " with a revoked token -> 401",
							() -> check(row, changedAccount(Role.USER, POST, "/revoke-tokens", null), 401))));
	}

	/**
	 * The token of a new account with {@code role}, used once; then an ADMIN changes the
	 * account with {@code method /api/users/{id}suffix}.
	 */
	private String changedAccount(Role role, HttpMethod method, String suffix, Object body) {
		UUID id = Tokens.createUser(role, "changed");
		String token = this.tokens.bearer(id, role);
		this.client.get().uri("/api/auth/me").header(HttpHeaders.AUTHORIZATION, token).exchange().expectStatus().isOk();
		WebTestClient.RequestBodySpec change = this.client.method(method)
			.uri("/api/users/" + id + suffix)
			.header(HttpHeaders.AUTHORIZATION, this.tokens.current(this.admin, Role.ADMIN));
		((body != null) ? change.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : change).exchange()
			.expectStatus()
			.is2xxSuccessful();
		return token;
	}

	@Test
	void hasARowHereAndInTheAccessTableForEveryRouteTheApplicationServes() {
		Set<Route> routes = RouterWalk.of(this.context);
		assertThat(routes).as("routes found").hasSizeGreaterThan(30);
		Set<String> withoutAccessRule = new TreeSet<>();
		Set<String> withoutMatrixRow = new TreeSet<>();
		for (Route route : routes) {
			if (AccessRules.TABLE.stream().noneMatch((rule) -> covers(rule, route))) {
				withoutAccessRule.add(route.toString());
			}
			if (MATRIX.stream()
				.noneMatch((row) -> row.method().equals(route.method()) && row.pattern().equals(route.pattern()))) {
				withoutMatrixRow.add(route.toString());
			}
		}
		assertThat(withoutAccessRule).as("routes without a row in AccessRules.TABLE").isEmpty();
		assertThat(withoutMatrixRow).as("routes without a row in AuthorizationMatrixIntegrationTests.MATRIX").isEmpty();
	}

	@Test
	void appliesTheSameRuleToAPathWithATrailingSlash() {
		// the user router serves "/api/users/" as the list, so it must be as closed as
		// "/api/users"
		this.client.get().uri("/api/users/").exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/api/users/")
			.header(HttpHeaders.AUTHORIZATION, this.tokens.current(this.otherUser, Role.USER))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.get()
			.uri("/api/users/")
			.header(HttpHeaders.AUTHORIZATION, this.tokens.current(this.admin, Role.ADMIN))
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get().uri("/api/posts/").exchange().expectStatus().isOk();
	}

	@Test
	void hasNoRowInTheAccessTableForAnApiRouteThatDoesNotExist() {
		Set<Route> routes = RouterWalk.of(this.context);
		List<String> stale = AccessRules.TABLE.stream()
			.filter((rule) -> rule.pattern().startsWith("/api/"))
			.filter((rule) -> routes.stream().noneMatch((route) -> covers(rule, route)))
			.map((rule) -> rule.method() + " " + rule.pattern())
			.toList();
		assertThat(stale).isEmpty();
	}

	@Test
	void matchesEachRequestOfTheMatrixToItsOwnRowOfTheAccessTable() {
		// rows are matched in order: a broader pattern before a narrower one would shadow
		// it
		PathPatternParser parser = new PathPatternParser();
		List<String> shadowed = new ArrayList<>();
		for (int i = 0; i < AccessRules.TABLE.size(); i++) {
			AccessRule later = AccessRules.TABLE.get(i);
			if (later.pattern().contains("*")) {
				continue;
			}
			String example = later.pattern().replaceAll("\\{[^}]+}", "x");
			for (AccessRule earlier : AccessRules.TABLE.subList(0, i)) {
				if (earlier.method().equals(later.method()) && earlier.access() != later.access()
						&& parser.parse(earlier.pattern()).matches(PathContainer.parsePath(example))) {
					shadowed.add(later + " is shadowed by " + earlier);
				}
			}
		}
		assertThat(shadowed).isEmpty();
	}

	/**
	 * Whether the rule is the route's row: the same method and pattern, or a wildcard
	 * pattern ({@code /api/stats/**}) that matches the route's pattern read as a path.
	 */
	private static boolean covers(AccessRule rule, Route route) {
		if (!rule.method().equals(route.method())) {
			return false;
		}
		return rule.pattern().equals(route.pattern()) || (rule.pattern().contains("*")
				&& new PathPatternParser().parse(rule.pattern()).matches(PathContainer.parsePath(route.pattern())));
	}

	private void check(Row row, Who who) throws SQLException {
		Scene scene = Scene.create(this.otherUser);
		check(row, scene, token(who, scene), row.expected(who), who.toString());
	}

	private void check(Row row, String token, int expected) throws SQLException {
		check(row, Scene.create(this.otherUser), token, expected, "changed account");
	}

	private void check(Row row, Scene scene, String token, int expected, String who) {
		WebTestClient.RequestBodySpec request = this.client.mutate()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build()
			.method(row.method())
			.uri(row.uri().apply(scene));
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, token);
		}
		WebTestClient.RequestHeadersSpec<?> ready = (row.body() != null)
				? request.contentType(MediaType.APPLICATION_JSON).bodyValue(row.body().apply(scene)) : request;
		EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
		String body = (result.getResponseBody() != null) ? new String(result.getResponseBody()) : "";
		assertThat(result.getStatus().value()).as(row + " as " + who + ": " + body).isEqualTo(expected);
		if (expected >= 400) {
			assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			String slug = switch (expected) {
				case 401 -> "unauthorized";
				case 403 -> "forbidden";
				case 404 -> "not-found";
				default -> throw new IllegalStateException("no problem type for " + expected);
			};
			assertThat(body).contains("\"type\":\"urn:inkwell:problem:" + slug + "\"");
		}
	}

	private String token(Who who, Scene scene) {
		return switch (who) {
			case ANONYMOUS -> null;
			case USER -> this.tokens.user(scene.user());
			// the callers shared by every cell log in afresh (the logout-all row revokes
			// their earlier tokens)
			case OTHER_USER -> this.tokens.current(this.otherUser, Role.USER);
			case MODERATOR -> this.tokens.current(this.moderator, Role.MODERATOR);
			case ADMIN -> this.tokens.current(this.admin, Role.ADMIN);
		};
	}

	private static Row row(HttpMethod method, String pattern, String note, Function<Scene, String> uri,
			Function<Scene, Object> body, int anonymous, int user, int otherUser, int moderator, int admin) {
		return new Row(method, pattern, note, uri, body, new int[] { anonymous, user, otherUser, moderator, admin });
	}

	/** One line of the matrix; {@code note} tells apart rows of the same route. */
	record Row(HttpMethod method, String pattern, String note, Function<Scene, String> uri,
			Function<Scene, Object> body, int[] statuses) {

		int expected(Who who) {
			return this.statuses[who.ordinal()];
		}

		@Override
		public String toString() {
			return this.method + " " + this.pattern + (this.note.isEmpty() ? "" : " (" + this.note + ")");
		}

	}

	/**
	 * Fresh data for one cell: the owner (a USER with a profile and the password
	 * {@link Tokens#PASSWORD}), their published post (with a linked category), draft and
	 * soft-deleted post, their comment on another user's published post, 10 credits and a
	 * transfer of 1 credit to a third user (the recipient).
	 */
	record Scene(UUID user, String email, UUID published, UUID draft, UUID deleted, UUID othersPost, UUID comment,
			UUID category, String unique, UUID recipient) {

		static Scene create(UUID otherUser) throws SQLException {
			try (Connection connection = TestDatabase.get().connect()) {
				UUID user = Tokens.createUser(connection, Role.USER, "owner");
				Scene scene = new Scene(user, Tokens.emailOf("owner", user), Ids.next(), Ids.next(), Ids.next(),
						Ids.next(), Ids.next(), Ids.next(), UUID.randomUUID().toString(),
						Tokens.createUser(connection, Role.USER, "recipient"));
				update(connection, "UPDATE users SET credits = 10 WHERE id = ?", user);
				update(connection, "INSERT INTO profiles (id, user_id, post_count) VALUES (?, ?, 2)", Ids.next(), user);
				String post = "INSERT INTO posts (id, author_id, title, status, published_at, deleted_at)"
						+ " VALUES (?, ?, 'Matrix', CAST(? AS post_status), CASE WHEN ? THEN now() END, CASE WHEN ? THEN now() END)";
				update(connection, post, scene.published(), user, "PUBLISHED", true, false);
				update(connection, post, scene.draft(), user, "DRAFT", false, false);
				update(connection, post, scene.deleted(), user, "PUBLISHED", true, true);
				update(connection, post, scene.othersPost(), otherUser, "PUBLISHED", true, false);
				update(connection, "INSERT INTO comments (id, post_id, author_id, content) VALUES (?, ?, ?, 'Hi')",
						scene.comment(), scene.othersPost(), user);
				update(connection, "INSERT INTO categories (id, name) VALUES (?, ?)", scene.category(),
						"Matrix " + scene.unique());
				update(connection, "INSERT INTO post_categories (post_id, category_id) VALUES (?, ?)",
						scene.published(), scene.category());
				return scene;
			}
		}

		/**
		 * A transfer of 1 credit from the owner to the recipient, made on demand: a
		 * ledger row would keep the hard delete of the owner's account from going
		 * through.
		 */
		UUID transfer() {
			try (Connection connection = TestDatabase.get().connect()) {
				UUID id = Ids.next();
				update(connection, "INSERT INTO transfers (id, from_user_id, to_user_id, amount) VALUES (?, ?, ?, 1)",
						id, user(), recipient());
				return id;
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static void update(Connection connection, String sql, Object... values) throws SQLException {
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				for (int i = 0; i < values.length; i++) {
					statement.setObject(i + 1, values[i]);
				}
				statement.executeUpdate();
			}
		}

	}

	static {
		// a row per (method, pattern, note) only once: a copy-paste slip would otherwise
		// hide a cell
		Set<String> seen = MATRIX.stream().map(Row::toString).collect(Collectors.toSet());
		if (seen.size() != MATRIX.size()) {
			throw new IllegalStateException("the matrix has duplicate rows");
		}
	}

}
