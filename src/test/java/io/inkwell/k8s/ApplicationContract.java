package io.inkwell.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.convert.DurationStyle;

/**
 * What the application expects from its environment, read from the code and from
 * {@code application.yaml} — never restated here — so that the manifest tests follow the
 * code: rename a variable in the code, and the manifests that still set the old name
 * fail.
 */
final class ApplicationContract {

	static final Path MAIN_JAVA = Path.of("src/main/java");

	static final Path APPLICATION_YAML = Path.of("src/main/resources/application.yaml");

	private static final String NAME = "[A-Z][A-Z0-9_]*";

	/**
	 * {@code System.getenv("X")}, {@code environment.get("X")},
	 * {@code getOrDefault("X", ...)}.
	 */
	private static final Pattern DIRECT = Pattern
		.compile("(?:getenv|\\.get|\\.getOrDefault|\\.containsKey)\\(\\s*\"(" + NAME + ")\"");

	/** {@code name = "X";} whose variable is then passed to one of the calls above. */
	private static final Pattern ASSIGNED = Pattern.compile("\\b(\\w+)\\s*=\\s*\"(" + NAME + ")\"\\s*;");

	/** {@code ${X} or ${X:default}} in application.yaml. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(" + NAME + ")(?::([^}]*))?}");

	private ApplicationContract() {
	}

	/**
	 * Environment variables the application reads: those read in {@code src/main/java}
	 * and the placeholders of {@code application.yaml}.
	 */
	static Set<String> environmentVariablesRead() {
		Set<String> names = new TreeSet<>();
		try (Stream<Path> files = Files.walk(MAIN_JAVA)) {
			files.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> {
				String source = read(file);
				DIRECT.matcher(source).results().forEach((match) -> names.add(match.group(1)));
				Matcher assigned = ASSIGNED.matcher(source);
				while (assigned.find()) {
					Pattern use = Pattern.compile(
							"(?:getenv|\\.get|\\.getOrDefault)\\(\\s*" + Pattern.quote(assigned.group(1)) + "\\s*[,)]");
					if (use.matcher(source).find()) {
						names.add(assigned.group(2));
					}
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		PLACEHOLDER.matcher(read(APPLICATION_YAML)).results().forEach((match) -> names.add(match.group(1)));
		return names;
	}

	/**
	 * The environment-variable spelling of every property set in {@code application.yaml}
	 * (Spring's relaxed binding: {@code spring.lifecycle.timeout-per-shutdown-phase} is
	 * {@code SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE}).
	 */
	static Map<String, String> relaxedBindingNames() {
		Map<String, String> names = new LinkedHashMap<>();
		properties().keySet()
			.forEach((property) -> names.put(property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT),
					property));
		return names;
	}

	/** {@code application.yaml} flattened to {@code a.b.c = value}. */
	static Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		flatten("", KubernetesYaml.STRICT.readTree(read(APPLICATION_YAML)), properties);
		return properties;
	}

	static String property(String name) {
		String value = properties().get(name);
		if (value == null) {
			throw new AssertionError(APPLICATION_YAML + " does not set " + name);
		}
		return value;
	}

	/** The environment variable {@code server.port} is read from (e.g. {@code PORT}). */
	static String portVariable() {
		return placeholder(property("server.port")).group(1);
	}

	/**
	 * The environment variable {@code management.server.port} (the actuator's own server)
	 * is read from (e.g. {@code MANAGEMENT_PORT}); unset, the actuator shares the API's
	 * port.
	 */
	static String managementPortVariable() {
		Matcher matcher = PLACEHOLDER.matcher(property("management.server.port"));
		if (!matcher.matches() || !matcher.group(2).isEmpty()) {
			throw new AssertionError("expected ${VARIABLE:} (unset: the API's port) for management.server.port, got "
					+ property("management.server.port"));
		}
		return matcher.group(1);
	}

	/** The port the server listens on when the variable is not set. */
	static int defaultPort() {
		return Integer.parseInt(placeholder(property("server.port")).group(2));
	}

	static String livenessPath() {
		return healthGroupPath("liveness");
	}

	static String readinessPath() {
		return healthGroupPath("readiness");
	}

	/** How long the graceful shutdown may take, unless a container overrides it. */
	static Duration shutdownTimeout() {
		if (!"graceful".equals(properties().get("server.shutdown"))) {
			throw new AssertionError("server.shutdown is not graceful: no drain on SIGTERM");
		}
		return DurationStyle.detectAndParse(property("spring.lifecycle.timeout-per-shutdown-phase"));
	}

	private static String healthGroupPath(String group) {
		Map<String, String> properties = properties();
		if (!"true".equals(properties.get("management.endpoint.health.probes.enabled"))) {
			throw new AssertionError("management.endpoint.health.probes.enabled is not true");
		}
		if (properties.keySet()
			.stream()
			.noneMatch((key) -> key.startsWith("management.endpoint.health.group." + group + "."))) {
			throw new AssertionError("application.yaml defines no health group " + group);
		}
		String base = properties.getOrDefault("management.endpoints.web.base-path", "/actuator");
		String health = properties.getOrDefault("management.endpoints.web.path-mapping.health", "health");
		return base + "/" + health + "/" + group;
	}

	private static Matcher placeholder(String value) {
		Matcher matcher = PLACEHOLDER.matcher(value);
		if (!matcher.matches() || matcher.group(2) == null) {
			throw new AssertionError("expected ${VARIABLE:default}, got " + value);
		}
		return matcher;
	}

	private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
		if (node.isObject()) {
			node.properties()
				.forEach((entry) -> flatten(prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(),
						entry.getValue(), into));
		}
		else if (!node.isNull()) {
			into.put(prefix, node.isValueNode() ? node.asString() : node.toString());
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
