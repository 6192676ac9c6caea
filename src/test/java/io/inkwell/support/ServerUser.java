package io.inkwell.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the PostgreSQL and PgBouncer tools the tests start: as {@code nobody} when the
 * tests run as root (the servers refuse root), without the caller's {@code PG*}
 * environment.
 */
public final class ServerUser {

	/** The uid and gid of {@code nobody}. */
	public static final int NOBODY = 65534;

	private ServerUser() {
	}

	public static boolean isRoot() {
		try {
			return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
		}
		catch (IOException | UnsupportedOperationException ex) {
			return "root".equals(System.getProperty("user.name"));
		}
	}

	/** {@code command}, run as {@code nobody} when the tests run as root. */
	public static List<String> command(List<String> command) {
		List<String> full = new ArrayList<>();
		if (isRoot()) {
			full.addAll(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
		}
		full.addAll(command);
		return full;
	}

	/**
	 * Runs {@code command} to its end in {@code directory}; fails with its output when it
	 * fails or takes longer than {@code timeout}.
	 */
	public static void run(Path directory, List<String> command, Duration timeout) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command(command)).directory(directory.toFile())
				.redirectErrorStream(true);
			builder.environment().keySet().removeIf((name) -> name.startsWith("PG"));
			Process process = builder.start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
