package io.inkwell.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.inkwell.db.Cursor;
import io.inkwell.db.DatabaseUrl;
import io.inkwell.db.Ids;
import io.inkwell.migrate.Migrator;
import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated requests: hostile strings (quotes, {@code ;}, {@code --}, {@code %},
 * {@code _}, backslashes, unicode, lone surrogates, NUL bytes, 10 kB strings) in JSON
 * bodies, path values and query strings, plus wrong JSON types and bodies that are not
 * JSON, across every write and list endpoint, with a token of a role that may call it:
 * 10,000 requests in all (4,000 bodies, 2,500 path values, 3,500 query strings). Each
 * must be answered below 500; a 4xx must be problem+json and must leave every table as it
 * was (row count and newest row version of each table, read after every request); a list
 * must return only rows that match the filters the server accepted and that the caller
 * may see.
 * <p>
 * The values come from a seeded {@link Generator}; a failure names its seed, and
 * {@code -Dinkwell.generated.seed=<seed>} replays the run. The application runs on a
 * database of its own, so that nothing else writes while the tables are compared.
 */
class GeneratedInputPropertyTests {

	/** The run's seed: given, or new every run (and printed in every failure). */
	static final long SEED = Long.getLong("inkwell.generated.seed", System.nanoTime());

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** server.netty.max-initial-line-length in application.yaml. */
	private static final int MAX_REQUEST_LINE = 32 * 1024;

	private static final Pattern TABLE_FINGERPRINT = Pattern.compile("\\S+");

	static DatabaseUrl database;

	static TestApp app;

	static Connection jdbc;

	static WebClient http;

	static String lastFingerprint;

	static final AtomicInteger requests = new AtomicInteger();

	static UUID owner;

	static UUID post;

	static UUID category;

	static UUID comment;

	static String ownerToken;

	static String adminToken;

	@BeforeAll
	static void start() throws SQLException {
		database = TestDatabase.get().createDatabase("generated");
		new Migrator(database.jdbcUrl(), database.jdbcProperties(), Duration.ofMinutes(1)).update();
		jdbc = DriverManager.getConnection(database.jdbcUrl(), database.jdbcProperties());
		owner = insertUser("USER");
		UUID admin = insertUser("ADMIN");
		post = insertPost(owner, "PUBLISHED", "Reactive PostgreSQL in production");
		insertPost(owner, "DRAFT", "Unfinished thoughts");
		insertPost(admin, "DRAFT", "The admin's draft");
		category = Ids.next();
		update("INSERT INTO categories (id, name) VALUES (?, 'Generated')", category);
		comment = Ids.next();
		update("INSERT INTO comments (id, post_id, author_id, content) VALUES (?, ?, ?, 'First')", comment, post,
				owner);
		app = TestApp.start(database.toUrlString(), "", "--inkwell.security.login-attempts=1000000");
		Tokens tokens = Tokens.of(app.context());
		ownerToken = tokens.user(owner);
		adminToken = tokens.bearer(admin, Role.ADMIN);
		http = app.independentClient();
		lastFingerprint = fingerprint();
	}

	@AfterAll
	static void stop() throws SQLException {
		try {
			if (app != null) {
				app.close();
			}
			if (jdbc != null) {
				jdbc.close();
			}
		}
		finally {
			TestDatabase.get().dropDatabase(database);
		}
	}

	@Test
	void refusesGeneratedWriteBodiesCleanlyOrStoresThemAsData() throws Exception {
		run("bodies", 4000, this::write);
	}

	@Test
	void refusesGeneratedPathValuesCleanly() throws Exception {
		run("paths", 2500, this::path, false);
	}

	@Test
	void answersGeneratedListQueriesWithOnlyMatchingVisibleRows() throws Exception {
		run("queries", 3500, this::list);
	}

	private void run(String name, int count, Function<Generator, Call> calls) throws Exception {
		run(name, count, calls, true);
	}

	private void run(String name, int count, Function<Generator, Call> calls, boolean someSucceed) throws Exception {
		long seed = SEED ^ name.hashCode();
		Generator generate = new Generator(seed);
		Map<Integer, Integer> statuses = new TreeMap<>();
		Map<Integer, String> examples = new TreeMap<>();
		for (int i = 0; i < count; i++) {
			Call call = calls.apply(generate);
			String context = "case " + i + " of " + name + " (-Dinkwell.generated.seed=" + SEED + "): ";
			Answer answer = exchange(context, call);
			statuses.merge(answer.status(), 1, Integer::sum);
			examples.putIfAbsent(answer.status(), call.toString());
			if (answer.status() == 200) {
				call.check().verify(context, JSON.readTree(answer.body()));
			}
		}
		// what the requests met: a run that only ever met one 400 would prove little
		System.out.println("generated " + name + " (seed " + SEED + "): " + count + " requests, statuses " + statuses);
		examples.forEach((status, call) -> System.out.println("  e.g. " + status + " <- " + call));
		assertThat(statuses.keySet()).as("statuses of " + name).anyMatch((status) -> status >= 400);
		if (someSucceed) {
			assertThat(statuses.keySet()).as("statuses of " + name).anyMatch((status) -> status < 300);
		}
	}

	// the generated requests

	private Call write(Generator generate) {
		return generate.weighted(1,
				(Supplier<Call>) () -> body(generate, "POST", "/api/auth/register", null, "email", "name", "password"),
				1, (Supplier<Call>) () -> body(generate, "POST", "/api/auth/login", null, "email", "password"), 3,
				(Supplier<Call>) () -> body(generate, "POST", "/api/users", adminToken, "email", "name", "role",
						"profile"),
				3,
				(Supplier<Call>) () -> body(generate, "POST", "/api/users/bulk", adminToken, "users", "skipDuplicates"),
				2,
				(Supplier<Call>) () -> body(generate, "PUT", "/api/users/by-email/upsert@generated.example", adminToken,
						"name", "role"),
				3,
				(Supplier<Call>) () -> body(generate, "PATCH", "/api/users/" + owner, ownerToken, "email", "name",
						"profile"),
				2,
				(Supplier<Call>) () -> body(generate, "PUT", "/api/users/" + owner + "/profile", ownerToken, "bio",
						"avatar"),
				2,
				(Supplier<Call>) () -> body(generate, "PATCH", "/api/users/" + owner + "/profile", ownerToken, "bio",
						"avatar"),
				3,
				(Supplier<Call>) () -> body(generate, "POST", "/api/posts", ownerToken, "authorId", "title", "body",
						"status", "categoryIds"),
				3, (Supplier<Call>) () -> body(generate, "PATCH", "/api/posts/" + post, ownerToken, "title", "body"), 2,
				(Supplier<Call>) () -> body(generate, "POST", "/api/posts/" + post + "/categories", ownerToken,
						"categoryIds"),
				2,
				(Supplier<Call>) () -> body(generate, "PUT", "/api/posts/" + post + "/categories", ownerToken,
						"categoryIds"),
				3,
				(Supplier<Call>) () -> body(generate, "POST", "/api/posts/" + post + "/comments", ownerToken,
						"authorId", "content"),
				2, (Supplier<Call>) () -> body(generate, "PATCH", "/api/comments/" + comment, ownerToken, "content"), 2,
				(Supplier<Call>) () -> body(generate, "POST", "/api/categories", adminToken, "name"), 2,
				(Supplier<Call>) () -> body(generate, "PATCH", "/api/categories/" + category, adminToken, "name"));
	}

	/**
	 * Every route with path variables, the variables replaced by hostile values, as an
	 * admin (who passes every check).
	 */
	private Call path(Generator generate) {
		AccessRule rule = generate.oneOf(AccessRules.TABLE.stream()
			.filter((candidate) -> candidate.pattern().startsWith("/api/") && candidate.pattern().contains("{"))
			.toList());
		String path = rule.pattern();
		while (path.contains("{")) {
			path = path.replaceFirst("\\{[^}]+}", Matcher.quoteReplacement(encodePath(generate.hostile())));
		}
		String method = rule.method().name();
		boolean withBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
		return new Call(method, path, adminToken, withBody ? "application/json" : null, withBody ? "{}" : null,
				Check.NONE);
	}

	private Call list(Generator generate) {
		int pick = generate.between(1, 10);
		if (pick <= 6) {
			String who = generate.oneOf("anonymous", "owner", "admin");
			Map<String, String> parameters = parameters(generate, "status", "authorId", "categoryId", "q", "search",
					"publishedFrom", "publishedTo", "sort", "fields", "include", "limit", "cursor", "page", "size",
					"unknown");
			parameters.putIfAbsent("fields", "id,title,body,status,authorId");
			String token = switch (who) {
				case "owner" -> ownerToken;
				case "admin" -> adminToken;
				default -> null;
			};
			return new Call("GET", "/api/posts" + query(parameters), token, null, null,
					new PostListCheck(who, parameters));
		}
		if (pick == 7) {
			return new Call("GET", "/api/users" + query(parameters(generate, "limit", "cursor")), adminToken, null,
					null, Check.NONE);
		}
		if (pick == 8) {
			return new Call("GET", "/api/categories" + query(parameters(generate, "limit", "cursor")), null, null, null,
					Check.NONE);
		}
		if (pick == 9) {
			return new Call("GET", "/api/posts/" + post + "/comments" + query(parameters(generate, "limit", "cursor")),
					null, null, null, new CommentListCheck());
		}
		return new Call("DELETE", "/api/posts" + query(parameters(generate, "status", "olderThanDays")), adminToken,
				null, null, Check.NONE);
	}

	/**
	 * A request with a generated body: the fields (some left out, wrong types, an unknown
	 * one), or no JSON object at all.
	 */
	private Call body(Generator generate, String method, String path, String token, String... fields) {
		String body;
		if (generate.chance(0.1)) {
			body = generate.chance(0.5) ? generate.hostile() : generate.oneOf("[]", "null", "123", "\"text\"", "{",
					"{\"a\":", "[{}]", "{\"users\": [1, \"x\", null]}");
		}
		else {
			Map<String, Object> object = new LinkedHashMap<>();
			for (String field : fields) {
				if (generate.chance(0.75)) {
					object.put(field, generate.weighted(3, (Supplier<Object>) () -> plausible(generate, field), 4,
							(Supplier<Object>) generate::hostile, 2, (Supplier<Object>) generate::otherJson));
				}
			}
			if (generate.chance(0.1)) {
				object.put("unknownField", generate.hostile());
			}
			body = toJson(object);
		}
		String contentType = generate.chance(0.9) ? "application/json"
				: generate.oneOf("text/plain", "application/xml");
		return new Call(method, path, token, contentType, body, Check.NONE);
	}

	/**
	 * A value that passes validation often, so that hostile neighbours reach the
	 * database.
	 */
	private Object plausible(Generator generate, String field) {
		String text = generate.oneOf("Ada", "Grace", "Übung", "x") + generate.hostile();
		return switch (field) {
			case "email" -> generate.string("abcdefghijklmnopqrstuvwxyz", 12) + "x"
					+ (generate.chance(0.3) ? generate.oneOf("'", "%", "_", "+", "\u0000", "é") : "")
					+ "@generated.example";
			case "password" -> generate.chance(0.5) ? Tokens.PASSWORD : text + "-long-enough-pass";
			case "role" -> generate.oneOf("USER", "MODERATOR", "ADMIN", "ROOT", "user");
			case "status" -> generate.oneOf("DRAFT", "PUBLISHED", "ARCHIVED", "published");
			case "authorId" -> generate.chance(0.8) ? owner.toString() : UUID.randomUUID().toString();
			case "categoryIds" -> generate.oneOf(List.of(category.toString()), List.of(),
					List.of(UUID.randomUUID().toString()), List.of(category.toString(), category.toString()));
			case "users" -> List.of(Map.of("email", plausible(generate, "email"), "name", text));
			case "skipDuplicates" -> generate.chance(0.5);
			case "profile" -> Map.of("bio", text);
			default -> text;
		};
	}

	private static Map<String, String> parameters(Generator generate, String... names) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String name : names) {
			if (generate.chance(0.4)) {
				parameters.put(name,
						generate.chance(3.0 / 7) ? plausibleParameter(generate, name) : generate.hostile());
			}
		}
		return parameters;
	}

	private static String plausibleParameter(Generator generate, String name) {
		return switch (name) {
			case "status" -> generate.oneOf("DRAFT", "PUBLISHED", "ARCHIVED");
			case "authorId" -> generate.chance(0.8) ? owner.toString() : UUID.randomUUID().toString();
			case "categoryId" -> category.toString();
			case "q", "search" -> generate.oneOf("reactive", "postgres", "Thoughts", "e", "%", "_", "\\", "'", "or",
					"-draft", "\"exact phrase\"");
			case "publishedFrom", "publishedTo" -> generate.oneOf("2020-01-01T00:00:00Z", "2030-01-01T00:00:00+01:00");
			case "sort" -> generate.oneOf("publishedAt", "-publishedAt", "createdAt", "-createdAt", "title", "-title",
					"relevance");
			case "fields" -> generate.oneOf("id,title,status,authorId", "id,body", "title");
			case "include" -> generate.oneOf("author", "categories", "commentCount", "author,categories,commentCount");
			case "limit", "size" -> String.valueOf(generate.between(-5, 500));
			case "page" -> String.valueOf(generate.between(-1, 20_000));
			case "olderThanDays" -> String.valueOf(generate.between(1000, 40_000));
			// forged cursors: well-formed on the outside, hostile inside
			case "cursor" -> Cursor.encode(generate.oneOf(
					List.of(generate.oneOf("-publishedAt", "-createdAt", "createdAt", "publishedAt"),
							"t" + generate.oneOf("+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
									"2025-01-31T00:00:00Z", generate.hostile()),
							UUID.randomUUID().toString()),
					List.of(generate.oneOf("title", "-title"), "s" + generate.hostile(), UUID.randomUUID().toString()),
					List.of("relevance", "r" + generate.oneOf("NaN", "Infinity", "1e39", "-0", generate.hostile()),
							UUID.randomUUID().toString()),
					List.of(generate.oneOf("+1000000000-01-01T00:00:00Z", "2025-01-31T00:00:00Z", generate.hostile()),
							UUID.randomUUID().toString()),
					List.of(generate.chance(0.5) ? UUID.randomUUID().toString() : generate.hostile())));
			default -> generate.string("abcdefghij", 10);
		};
	}

	// sending and checking

	private static Answer exchange(String context, Call call) throws SQLException {
		WebClient.RequestBodySpec request = http.method(HttpMethod.valueOf(call.method()))
			.uri(URI.create(app.baseUrl() + call.path()));
		if (call.token() != null) {
			request.header(HttpHeaders.AUTHORIZATION, call.token());
		}
		if (call.contentType() != null) {
			request.header(HttpHeaders.CONTENT_TYPE, call.contentType());
		}
		WebClient.RequestHeadersSpec<?> ready = (call.body() != null) ? request.bodyValue(call.body()) : request;
		Answer answer;
		try {
			answer = ready
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.defaultIfEmpty("")
					.map((body) -> new Answer(response.statusCode().value(),
							response.headers().contentType().map(MediaType::toString).orElse(null), body)))
				.block(Duration.ofSeconds(30));
		}
		catch (RuntimeException ex) {
			throw new AssertionError(context + call + " -> " + ex, ex);
		}
		requests.incrementAndGet();
		int status = answer.status();
		String before = lastFingerprint;
		lastFingerprint = fingerprint();
		String what = context + call + " -> " + status + " " + abbreviate(answer.body());
		assertThat(status).as(what).isLessThan(500);
		if (status == 414) {
			// Netty refuses a request line over server.netty.max-initial-line-length
			// before the
			// application sees it, with a bare 414: only ever for such long lines
			assertThat(call.method().length() + call.path().length() + " HTTP/1.1".length()).as(what)
				.isGreaterThan(MAX_REQUEST_LINE);
			assertThat(lastFingerprint).as("a refused request changed rows: " + what).isEqualTo(before);
		}
		else if (status >= 400) {
			assertThat(answer.contentType()).as(what).isEqualTo("application/problem+json");
			JsonNode problem = JSON.readTree(answer.body());
			assertThat(problem.path("type").asString()).as(what).startsWith("urn:inkwell:problem:");
			assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
			assertThat(lastFingerprint).as("a refused request changed rows: " + what).isEqualTo(before);
		}
		return answer;
	}

	/**
	 * Per table: row count and the newest row version (the largest {@code xmin}). An
	 * insert or delete changes the count, an update writes a row version with a newer
	 * transaction id; a rolled-back write leaves neither.
	 */
	private static String fingerprint() throws SQLException {
		StringBuilder sql = new StringBuilder("SELECT ");
		String[] tables = { "users", "profiles", "posts", "categories", "post_categories", "comments", "audit_log" };
		for (int i = 0; i < tables.length; i++) {
			sql.append(i > 0 ? " || ' ' || " : "")
				.append("(SELECT '")
				.append(tables[i])
				.append(":' || count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM ")
				.append(tables[i])
				.append(")");
		}
		try (Statement statement = jdbc.createStatement(); ResultSet rows = statement.executeQuery(sql.toString())) {
			rows.next();
			String fingerprint = rows.getString(1);
			assertThat(TABLE_FINGERPRINT.matcher(fingerprint).results().count()).isEqualTo(tables.length);
			return fingerprint;
		}
	}

	/** Checks on the rows of a 200 list answer. */
	interface Check {

		Check NONE = (context, body) -> {
		};

		void verify(String context, JsonNode body);

	}

	/**
	 * No extra rows: drafts only to their author and admins, and every row matches the
	 * filters the server accepted ({@code q} as a case-insensitive substring of title or
	 * body, the author, the status).
	 */
	record PostListCheck(String caller, Map<String, String> parameters) implements Check {

		@Override
		public void verify(String context, JsonNode body) {
			String q = this.parameters.get("q");
			for (JsonNode row : body.path("data")) {
				String what = context + "row " + abbreviate(row.toString()) + " for " + this.caller + " "
						+ abbreviate(this.parameters.toString());
				if (row.has("status") && !this.caller.equals("admin")
						&& row.path("status").asString().equals("DRAFT")) {
					assertThat(this.caller).as(what).isEqualTo("owner");
					assertThat(row.path("authorId").asString()).as(what).isEqualTo(owner.toString());
				}
				if (q != null && !q.isEmpty() && row.has("title") && row.has("body")) {
					assertThat(containsIgnoringCase(row.path("title").asString(), q)
							|| containsIgnoringCase(row.path("body").asString(), q))
						.as(what)
						.isTrue();
				}
				// an empty parameter counts as absent
				String authorId = this.parameters.getOrDefault("authorId", "");
				if (!authorId.isEmpty() && row.has("authorId")) {
					assertThat(row.path("authorId").asString()).as(what).isEqualTo(authorId);
				}
				String status = this.parameters.getOrDefault("status", "");
				if (!status.isEmpty() && row.has("status")) {
					assertThat(row.path("status").asString()).as(what).isEqualTo(status);
				}
			}
		}

		/**
		 * Character by character, as ILIKE compares (no locale-dependent rules such as a
		 * final sigma).
		 */
		private static boolean containsIgnoringCase(String text, String part) {
			for (int i = 0; i + part.length() <= text.length(); i++) {
				if (text.regionMatches(true, i, part, 0, part.length())) {
					return true;
				}
			}
			return false;
		}

	}

	/** Every comment listed belongs to the post asked for. */
	record CommentListCheck() implements Check {

		@Override
		public void verify(String context, JsonNode body) {
			for (JsonNode row : body.path("data")) {
				assertThat(row.path("postId").asString()).as(context + row).isEqualTo(post.toString());
			}
		}

	}

	record Call(String method, String path, String token, String contentType, String body, Check check) {

		@Override
		public String toString() {
			String who = (this.token == null) ? "anonymous" : this.token.equals(adminToken) ? "admin" : "owner";
			return this.method + " " + abbreviate(this.path) + " as " + who
					+ ((this.body != null) ? " [" + this.contentType + "] " + abbreviate(this.body) : "");
		}

	}

	record Answer(int status, String contentType, String body) {
	}

	// JSON and URL text of generated values

	/**
	 * JSON with every non-ASCII and control character escaped, so that any Java string
	 * (lone surrogates too) can be sent.
	 */
	static String toJson(Object value) {
		StringBuilder json = new StringBuilder();
		writeJson(json, value);
		return json.toString();
	}

	@SuppressWarnings("unchecked")
	private static void writeJson(StringBuilder json, Object value) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof String text) {
			json.append('"');
			for (char c : text.toCharArray()) {
				if (c == '"' || c == '\\') {
					json.append('\\').append(c);
				}
				else if (c < 0x20 || c > 0x7e) {
					json.append(String.format("\\u%04x", (int) c));
				}
				else {
					json.append(c);
				}
			}
			json.append('"');
		}
		else if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
				json.append(first ? "" : ",");
				first = false;
				writeJson(json, entry.getKey());
				json.append(':');
				writeJson(json, entry.getValue());
			}
			json.append('}');
		}
		else if (value instanceof List<?> list) {
			json.append('[');
			for (int i = 0; i < list.size(); i++) {
				json.append(i > 0 ? "," : "");
				writeJson(json, list.get(i));
			}
			json.append(']');
		}
		else if (value instanceof Double number && (number.isNaN() || number.isInfinite())) {
			json.append("1e999");
		}
		else {
			json.append(value);
		}
	}

	private static String query(Map<String, String> parameters) {
		StringBuilder query = new StringBuilder();
		parameters.forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&")
			.append(name)
			.append('=')
			.append(UriUtils.encode(sendable(value), StandardCharsets.UTF_8)));
		return query.toString();
	}

	private static String encodePath(String value) {
		return UriUtils.encode(sendable(value), StandardCharsets.UTF_8);
	}

	/**
	 * A URL carries UTF-8 bytes, which cannot hold a lone surrogate: it becomes '?', as
	 * any encoder would make it.
	 */
	private static String sendable(String value) {
		return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
	}

	/**
	 * Printable and short: control characters and surrogates as \\uXXXX (a NUL would cut
	 * a report short).
	 */
	private static String abbreviate(String text) {
		if (text == null) {
			return null;
		}
		StringBuilder printable = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (printable.length() >= 300) {
				return printable + "…(" + text.length() + " characters)";
			}
			printable
				.append((c < 0x20 || Character.isSurrogate(c)) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
		}
		return printable.toString();
	}

	// fixtures, written through JDBC into this test's own database

	private static UUID insertUser(String role) throws SQLException {
		UUID id = Ids.next();
		update("INSERT INTO users (id, email, name, role) VALUES (?, ?, ?, CAST(? AS user_role))", id,
				role.toLowerCase() + "-" + id + "@generated.example", role, role);
		return id;
	}

	private static UUID insertPost(UUID author, String status, String title) throws SQLException {
		UUID id = Ids.next();
		update("INSERT INTO posts (id, author_id, title, body, status, published_at) VALUES (?, ?, ?, 'A body',"
				+ " CAST(? AS post_status), CASE WHEN ? = 'PUBLISHED' THEN now() END)", id, author, title, status,
				status);
		return id;
	}

	private static void update(String sql, Object... values) throws SQLException {
		try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
			for (int i = 0; i < values.length; i++) {
				statement.setObject(i + 1, values[i]);
			}
			statement.executeUpdate();
		}
	}

}
