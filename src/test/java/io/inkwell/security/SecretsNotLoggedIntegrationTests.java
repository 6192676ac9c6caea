package io.inkwell.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every logger at DEBUG, a sign-up, a login, a failed login and authenticated
 * requests leave no password, token, signing secret or database password in the log, in
 * error bodies or in the actuator's answers. The requests go through the JDK's HTTP
 * client, which logs nothing, so that everything captured is the server's.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedIntegrationTests {

	private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void keepsPasswordsTokensAndSecretsOutOfDebugLogsAndAnswers(CapturedOutput output) throws Exception {
		// short values: DEBUG lines of decoded bodies are cut at 100 characters, and a
		// leak must show
		String password = "pw-" + random(16);
		String wrongPassword = "no-" + random(16);
		String jwtSecret = "jwt-" + UUID.randomUUID() + "-" + UUID.randomUUID();
		DatabaseUrl database = TestDatabase.get().databaseUrl();
		// a server that needs no password (the embedded one trusts every connection)
		// ignores an extra one
		String databasePassword = (database.password() != null) ? database.password() : "db-" + UUID.randomUUID();
		String url = (database.password() != null) ? database.toUrlString()
				: database.toUrlString().replaceFirst("://([^@/]+)@", "://$1:" + databasePassword + "@");
		String email = "lg" + random(8) + "@t.example";
		List<String> answers = new ArrayList<>();
		String token;
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		LogLevel rootLevel = logging.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME).getEffectiveLevel();
		try (TestApp app = TestApp.start(url, "", "--logging.level.root=DEBUG",
				"--inkwell.security.jwt-secret=" + jwtSecret)) {
			String base = app.baseUrl();
			answers.add(send(base, "POST", "/api/auth/register", null,
					"{\"email\":\"" + email + "\",\"name\":\"Logged\",\"password\":\"" + password + "\"}", 201));
			answers.add(send(base, "POST", "/api/auth/login", null,
					"{\"email\":\"" + email + "\",\"password\":\"" + wrongPassword + "\"}", 401));
			String login = send(base, "POST", "/api/auth/login", null,
					"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", 200);
			Matcher matcher = TOKEN.matcher(login);
			assertThat(matcher.find()).as(login).isTrue();
			token = matcher.group(1);
			answers.add(send(base, "GET", "/api/auth/me", token, null, 200));
			answers.add(send(base, "GET", "/api/posts?limit=1", token, null, 200));
			answers.add(send(base, "GET", "/api/auth/me", token + "x", null, 401));
			answers.add(send(base, "GET", "/actuator/health/readiness", null, null, 200));
			answers.add(send(base, "GET", "/actuator/prometheus", null, null, 200));
		}
		finally {
			// log levels belong to the JVM, not to the application: the next tests log as
			// before
			logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, rootLevel);
		}
		String log = output.getAll();
		assertThat(log).as("DEBUG logging was on and saw the requests")
			.contains("DEBUG")
			.contains("/api/auth/login")
			.contains("LoginRequest[");
		String signature = token.substring(token.lastIndexOf('.') + 1);
		for (String text : List.of(log, String.join("\n", answers))) {
			assertThat(text).doesNotContain(password, wrongPassword, jwtSecret, databasePassword, token, signature);
		}
	}

	private static String random(int length) {
		return UUID.randomUUID().toString().replace("-", "").substring(0, length);
	}

	private String send(String base, String method, String path, String token, String json, int expectedStatus)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
		return response.body();
	}

}
