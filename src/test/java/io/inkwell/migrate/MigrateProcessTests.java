package io.inkwell.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.inkwell.InkwellApplication;
import io.inkwell.db.DatabaseUrl;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real entry point as operators run it: separate JVMs, exit codes, no web server. Two
 * processes started together both succeed and apply the changelog once.
 */
class MigrateProcessTests {

	@Test
	void twoMigrateProcessesStartedTogetherBothExitZero() throws Exception {
		DatabaseUrl fresh = TestDatabase.get().createDatabase("process");
		try {
			Map<String, String> environment = Map.of("MIGRATION_DATABASE_URL", fresh.toUrlString());
			Process first = start(environment, "migrate");
			Process second = start(environment, "migrate");
			assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
			String firstOutput = output(first);
			String secondOutput = output(second);
			assertThat(first.exitValue()).as(firstOutput).isZero();
			assertThat(second.exitValue()).as(secondOutput).isZero();
			assertThat(firstOutput + secondOutput).contains("nothing applied")
				.contains("applied " + Changelog.expected().size() + " changeset(s)")
				.doesNotContain("Tomcat", "Netty started", "Started InkwellApplication");
			Process status = start(environment, "migrate", "status");
			assertThat(status.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(status.exitValue()).as(output(status)).isZero();
		}
		finally {
			TestDatabase.get().dropDatabase(fresh);
		}
	}

	@Test
	void serverRefusesMalformedDatabaseUrlWithOneLineAndNoPassword() throws Exception {
		Process server = start(
				Map.of("DATABASE_URL", "postgresql://admin:hunter2-secret@db.example:5432/app?connection_limit=ten"));
		assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = output(server);
		assertThat(server.exitValue()).isEqualTo(2);
		assertThat(output.strip().lines()).hasSize(1);
		assertThat(output).contains("connection_limit").doesNotContain("hunter2-secret");
	}

	private static Process start(Map<String, String> environment, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(classPath());
		command.add(InkwellApplication.class.getName());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove("DATABASE_URL");
		builder.environment().remove("MIGRATION_DATABASE_URL");
		builder.environment().putAll(environment);
		return builder.start();
	}

	/**
	 * The test JVM's class path without empty entries (which would add the working
	 * directory).
	 */
	private static String classPath() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator))
			.filter((entry) -> !entry.isBlank() && !entry.equals("."))
			.collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
	}

	private static String output(Process process) throws IOException {
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

}
