package io.inkwell.k8s;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a kustomization: with {@code kubectl kustomize} when {@code kubectl} is on the
 * PATH (kustomize itself), otherwise with {@link FallbackKustomize}, a small renderer of
 * exactly the kustomize features {@code k8s/} uses. {@code KustomizeFallbackTests} shows
 * that both give the same objects wherever kubectl exists.
 */
final class Kustomize {

	/** The manifests, relative to the project directory (Maven runs the tests there). */
	static final Path K8S = Path.of("k8s");

	private static final Map<Path, Rendering> CACHE = new ConcurrentHashMap<>();

	private Kustomize() {
	}

	/** The objects of a kustomization directory, and which renderer made them. */
	record Rendering(String renderer, List<ObjectNode> documents) {
	}

	static Rendering render(Path directory) {
		return CACHE.computeIfAbsent(directory.toAbsolutePath().normalize(),
				(dir) -> kubectl().isPresent() ? new Rendering("kubectl kustomize", withKubectl(dir))
						: new Rendering("fallback renderer (no kubectl on PATH)", FallbackKustomize.render(dir)));
	}

	/** The {@code kubectl} executable on the PATH, if any. */
	static Optional<Path> kubectl() {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		return Stream.of(path.split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank())
			.map((entry) -> Path.of(entry, "kubectl"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	static List<ObjectNode> withKubectl(Path directory) {
		Path kubectl = kubectl().orElseThrow(() -> new IllegalStateException("kubectl is not on the PATH"));
		try {
			Path output = Files.createTempFile("kustomize-", ".yaml");
			try {
				Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
					.redirectErrorStream(false)
					.redirectOutput(output.toFile())
					.redirectError(ProcessBuilder.Redirect.PIPE)
					.start();
				process.getOutputStream().close();
				String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
				if (!process.waitFor(120, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException("kubectl kustomize " + directory + " did not finish in 120 s");
				}
				if (process.exitValue() != 0) {
					throw new IllegalStateException("kubectl kustomize " + directory + " failed (exit "
							+ process.exitValue() + "):\n" + errors);
				}
				return KubernetesYaml.documents(Files.readString(output), "kubectl kustomize " + directory);
			}
			finally {
				Files.deleteIfExists(output);
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
