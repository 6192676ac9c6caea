package io.inkwell.security;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.inkwell.InkwellApplication;
import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The process refuses to start with a weak {@code JWT_SECRET}, or without one in
 * production mode, with exit code 2 and one line that never repeats the secret; the
 * Spring configuration refuses the same (for contexts started without {@code main});
 * without a secret outside production a key is generated and the log says so.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwtSecretStartupTests {

	// parses, and is never connected to: the secret check comes first
	private static final String DATABASE_URL = "postgresql://app:hunter2-db-password@127.0.0.1:1/app";

	@Test
	void processRefusesAWeakSecretWithOneLineAndExitCode2() throws Exception {
		String secret = "changeme-changeme-changeme-changeme-42";
		Process server = start(Map.of("DATABASE_URL", DATABASE_URL, "JWT_SECRET", secret));
		assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = output(server);
		assertThat(server.exitValue()).as(output).isEqualTo(2);
		assertThat(output.strip().lines()).hasSize(1);
		assertThat(output).startsWith("inkwell: JWT_SECRET")
			.contains("placeholder")
			.doesNotContain(secret, "hunter2-db-password");
	}

	@Test
	void processRefusesAShortSecretAlsoInDevMode() throws Exception {
		Process server = start(Map.of("JWT_SECRET", "too-short-secret"));
		assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = output(server);
		assertThat(server.exitValue()).as(output).isEqualTo(2);
		assertThat(output.strip().lines()).hasSize(1);
		assertThat(output).contains("at least 32 bytes").doesNotContain("too-short-secret");
	}

	@Test
	void processRefusesToServeInProductionWithoutASecret() throws Exception {
		Process server = start(Map.of("DATABASE_URL", DATABASE_URL));
		assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = output(server);
		assertThat(server.exitValue()).as(output).isEqualTo(2);
		assertThat(output.strip().lines()).hasSize(1);
		assertThat(output).contains("JWT_SECRET is required in production mode").doesNotContain("hunter2");
	}

	@Test
	void contextRefusesAWeakSecret() {
		String secret = "abcabcabcabcabcabcabcabcabcabcabcabc";
		assertThatThrownBy(() -> start("--inkwell.security.jwt-secret=" + secret)).rootCause()
			.hasMessageContaining("one short pattern repeated")
			.hasMessageNotContaining(secret);
	}

	@Test
	void contextRefusesATokenLifetimeOverTwentyFourHours() {
		assertThatThrownBy(() -> start("--inkwell.security.token-lifetime=25h"))
			.hasStackTraceContaining("tokenLifetime")
			.hasStackTraceContaining("24");
	}

	@Test
	void contextRefusesToStartWithoutASecretWhenOneIsRequired() {
		assertThatThrownBy(() -> start("--inkwell.security.require-jwt-secret=true")).rootCause()
			.hasMessageContaining("JWT_SECRET is required");
	}

	@Test
	void generatesAKeyWhenNoneIsSetAndSaysSoWithoutPrintingIt(CapturedOutput output) {
		try (TestApp app = TestApp.start(TestDatabase.get().url(), "")) {
			app.client().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		}
		assertThat(output.getOut()).contains("JWT_SECRET is not set: generated a random signing key");
	}

	private static void start(String argument) {
		new SpringApplicationBuilder(InkwellApplication.class)
			.run("--server.port=0", "--inkwell.db.url=" + TestDatabase.get().url(), argument)
			.close();
	}

	private static Process start(Map<String, String> environment) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(classPath());
		command.add(InkwellApplication.class.getName());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove("DATABASE_URL");
		builder.environment().remove("JWT_SECRET");
		builder.environment().putAll(environment);
		return builder.start();
	}

	/**
	 * The test JVM's class path without empty entries (which would add the working
	 * directory).
	 */
	private static String classPath() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank() && !entry.equals("."))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static String output(Process process) throws IOException {
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

}
