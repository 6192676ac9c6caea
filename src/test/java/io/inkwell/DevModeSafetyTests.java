package io.inkwell;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dev mode (embedded PostgreSQL, demo logins) starts only when no database URL is
 * configured in any form; a URL set in any of them means production mode or a refusal,
 * never an embedded database in its place.
 */
class DevModeSafetyTests {

	private static final String URL = "postgresql://app@db.example:5432/app";

	@Test
	void findsTheDatabaseUrlInEveryFormSpringReadsFirst() {
		Properties none = new Properties();
		assertThat(InkwellApplication.configuredDatabaseUrl(Map.of(), none, new String[0])).isNull();
		assertThat(InkwellApplication.configuredDatabaseUrl(Map.of("DATABASE_URL", " "), none, new String[0])).isNull();
		assertThat(InkwellApplication.configuredDatabaseUrl(Map.of("DATABASE_URL", URL), none, new String[0]))
			.isEqualTo(URL);
		assertThat(InkwellApplication.configuredDatabaseUrl(Map.of("INKWELL_DB_URL", URL), none, new String[0]))
			.isEqualTo(URL);
		assertThat(InkwellApplication.configuredDatabaseUrl(Map.of(), none, new String[] { "--inkwell.db.url=" + URL }))
			.isEqualTo(URL);
		Properties system = new Properties();
		system.setProperty("inkwell.db.url", URL);
		assertThat(InkwellApplication.configuredDatabaseUrl(Map.of(), system, new String[0])).isEqualTo(URL);
		// Spring's precedence: the command line over the environment
		assertThat(InkwellApplication.configuredDatabaseUrl(Map.of("DATABASE_URL", "postgresql://other/db"), none,
				new String[] { "--inkwell.db.url=" + URL }))
			.isEqualTo(URL);
	}

	@Test
	void refusesDevModeWhenTheCompleteEnvironmentNamesADatabase() {
		StandardEnvironment clean = new StandardEnvironment();
		clean.getPropertySources().addLast(new MapPropertySource("application.yaml", Map.of("inkwell.db.url", "")));
		assertThat(InkwellApplication.devModeConflict(clean)).isNull();
		StandardEnvironment configured = new StandardEnvironment();
		configured.getPropertySources()
			.addFirst(new MapPropertySource("spring.application.json", Map.of("inkwell.db.url", URL)));
		assertThat(InkwellApplication.devModeConflict(configured))
			.startsWith("inkwell.db.url is set (in spring.application.json) but DATABASE_URL is not: refusing dev mode")
			.doesNotContain("db.example");
	}

	/**
	 * Before issue #26 only DATABASE_URL counted: with the URL as INKWELL_DB_URL or
	 * {@code --inkwell.db.url} the process started dev mode (and served demo logins)
	 * instead; now it is production mode, which checks the URL (here malformed: exit 2).
	 */
	@Test
	void takesAUrlGivenAsInkwellDbUrlOrArgumentForProductionMode() throws Exception {
		String malformed = "postgresql://admin:hunter2-secret@db.example:5432/app?connection_limit=ten";
		assertRefused(start(Map.of("INKWELL_DB_URL", malformed)), "connection_limit");
		assertRefused(start(Map.of(), "--inkwell.db.url=" + malformed), "connection_limit");
	}

	@Test
	void refusesDevModeWhenSpringApplicationJsonNamesADatabase() throws Exception {
		assertRefused(start(Map.of("SPRING_APPLICATION_JSON", "{\"inkwell\":{\"db\":{\"url\":\"" + URL + "\"}}}")),
				"refusing dev mode");
	}

	private static void assertRefused(Process process, String reason) throws Exception {
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits at once").isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isEqualTo(2);
		assertThat(output).contains(reason)
			.doesNotContain("hunter2-secret", "Embedded PostgreSQL started", "Netty started");
	}

	private static Process start(Map<String, String> environment, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(classPath());
		command.add(InkwellApplication.class.getName());
		command.add("--server.port=0");
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("INKWELL_") || name.equals("DATABASE_URL"));
		builder.environment().remove("SPRING_APPLICATION_JSON");
		// production mode needs a secret; dev mode must not need one
		builder.environment().put("JWT_SECRET", "q7Vw2LxR9tZp4NcYb6HmKs8DfJg3UeWa5XoPiQrTy1Bn0");
		builder.environment().putAll(environment);
		return builder.start();
	}

	private static String classPath() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank() && !entry.equals("."))
			.collect(Collectors.joining(File.pathSeparator));
	}

}
