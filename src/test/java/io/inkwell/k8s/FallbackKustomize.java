package io.inkwell.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small, honest kustomize for machines without {@code kubectl}: it renders exactly the
 * subset of kustomize that {@code k8s/} uses, and refuses everything else, so a
 * kustomization that needs more fails here instead of rendering wrongly.
 * <p>
 * Supported: {@code resources} (files and directories), {@code components},
 * {@code namespace}, {@code images} ({@code newName}, {@code newTag}), {@code patches} as
 * JSON 6902 operations ({@code add}, {@code remove}, {@code replace}, {@code test}) on a
 * target picked by kind and name, and {@code configMapGenerator} with {@code files} and
 * {@code disableNameSuffixHash: true} (kustomize's content hash is not reproduced). The
 * order follows kustomize: resources, components, generators, then patches, namespace,
 * images. Unknown fields fail (the records below are read strictly).
 */
final class FallbackKustomize {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private FallbackKustomize() {
	}

	record Kustomization(String apiVersion, String kind, String namespace, List<String> resources,
			List<String> components, List<Image> images, List<Patch> patches,
			List<ConfigMapGenerator> configMapGenerator) {

		Kustomization {
			resources = (resources != null) ? resources : List.of();
			components = (components != null) ? components : List.of();
			images = (images != null) ? images : List.of();
			patches = (patches != null) ? patches : List.of();
			configMapGenerator = (configMapGenerator != null) ? configMapGenerator : List.of();
		}

	}

	record Image(String name, String newName, String newTag) {
	}

	record Patch(Target target, String patch, String path) {
	}

	record Target(String kind, String name) {
	}

	record ConfigMapGenerator(String name, List<String> files, GeneratorOptions options) {
	}

	record GeneratorOptions(Boolean disableNameSuffixHash, Map<String, String> labels) {
	}

	record Operation(String op, String path, JsonNode value) {
	}

	static List<ObjectNode> render(Path directory) {
		return build(directory, "Kustomization", List.of());
	}

	/** Reads the kustomization of a directory, strictly. */
	static Kustomization kustomization(Path directory) {
		Path file = directory.resolve("kustomization.yaml");
		List<ObjectNode> documents = KubernetesYaml.documents(read(file), file.toString());
		if (documents.size() != 1) {
			throw new IllegalArgumentException(file + ": expected one document, found " + documents.size());
		}
		return KubernetesYaml.read(documents.get(0), Kustomization.class, file.toString());
	}

	private static List<ObjectNode> build(Path directory, String expectedKind, List<ObjectNode> inherited) {
		Kustomization kustomization = kustomization(directory);
		String apiVersion = expectedKind.equals("Component") ? "kustomize.config.k8s.io/v1alpha1"
				: "kustomize.config.k8s.io/v1beta1";
		if (!expectedKind.equals(kustomization.kind()) || !apiVersion.equals(kustomization.apiVersion())) {
			throw new IllegalArgumentException(directory + ": expected " + apiVersion + " " + expectedKind + ", found "
					+ kustomization.apiVersion() + " " + kustomization.kind());
		}
		List<ObjectNode> resources = new ArrayList<>(inherited);
		for (String resource : kustomization.resources()) {
			Path path = directory.resolve(resource).normalize();
			if (Files.isDirectory(path)) {
				resources.addAll(build(path, "Kustomization", List.of()));
			}
			else {
				resources.addAll(KubernetesYaml.documents(read(path), path.toString()));
			}
		}
		for (String component : kustomization.components()) {
			// a component adds its resources and transforms everything accumulated so far
			resources = build(directory.resolve(component).normalize(), "Component", resources);
		}
		for (ConfigMapGenerator generator : kustomization.configMapGenerator()) {
			resources.add(generate(directory, generator));
		}
		for (Patch patch : kustomization.patches()) {
			applyPatch(directory, patch, resources);
		}
		if (kustomization.namespace() != null) {
			for (ObjectNode resource : resources) {
				ObjectNode metadata = (ObjectNode) resource.get("metadata");
				if (resource.path("kind").asString().equals("Namespace")) {
					// kustomize renames a Namespace object to the namespace it sets
					metadata.put("name", kustomization.namespace());
				}
				else {
					metadata.put("namespace", kustomization.namespace());
				}
			}
		}
		for (Image image : kustomization.images()) {
			resources.forEach((resource) -> setImage(resource, image));
		}
		return resources;
	}

	private static ObjectNode generate(Path directory, ConfigMapGenerator generator) {
		if (generator.options() == null || !Boolean.TRUE.equals(generator.options().disableNameSuffixHash())) {
			throw new IllegalArgumentException(directory + ": configMapGenerator " + generator.name()
					+ " needs options.disableNameSuffixHash: true here (the fallback does not compute kustomize's hash)");
		}
		ObjectNode configMap = NODES.objectNode();
		configMap.put("apiVersion", "v1");
		configMap.put("kind", "ConfigMap");
		ObjectNode metadata = configMap.putObject("metadata");
		metadata.put("name", generator.name());
		if (generator.options().labels() != null) {
			ObjectNode labels = metadata.putObject("labels");
			new LinkedHashMap<>(generator.options().labels()).forEach(labels::put);
		}
		ObjectNode data = configMap.putObject("data");
		for (String file : generator.files()) {
			Path path = directory.resolve(file).normalize();
			data.put(path.getFileName().toString(), read(path));
		}
		return configMap;
	}

	private static void applyPatch(Path directory, Patch patch, List<ObjectNode> resources) {
		String source = (patch.path() != null) ? directory.resolve(patch.path()).toString()
				: directory + " (inline patch)";
		String text = (patch.path() != null) ? read(directory.resolve(patch.path())) : patch.patch();
		if (patch.target() == null || text == null) {
			throw new IllegalArgumentException(source + ": only JSON 6902 patches with a target are supported");
		}
		JsonNode operations = KubernetesYaml.STRICT.readTree(text);
		if (!operations.isArray()) {
			throw new IllegalArgumentException(source + ": strategic-merge patches are not supported; use JSON 6902");
		}
		List<ObjectNode> targets = resources.stream()
			.filter((resource) -> resource.path("kind").asString().equals(patch.target().kind()))
			.filter((resource) -> patch.target().name() == null
					|| resource.path("metadata").path("name").asString().equals(patch.target().name()))
			.toList();
		if (targets.isEmpty()) {
			throw new IllegalArgumentException(source + ": no resource matches " + patch.target());
		}
		for (JsonNode operation : operations) {
			Operation parsed = KubernetesYaml.read(operation, Operation.class, source);
			targets.forEach((target) -> JsonPatch.apply(target, parsed, source));
		}
	}

	private static void setImage(ObjectNode resource, Image image) {
		List<JsonNode> podSpecs = List.of(resource.path("spec").path("template").path("spec"),
				resource.path("spec").path("jobTemplate").path("spec").path("template").path("spec"));
		for (JsonNode podSpec : podSpecs) {
			for (String list : List.of("initContainers", "containers")) {
				for (JsonNode container : podSpec.path(list)) {
					String current = container.path("image").asString();
					int tagAt = current.lastIndexOf(':');
					boolean hasTag = tagAt > current.lastIndexOf('/');
					String name = hasTag ? current.substring(0, tagAt) : current;
					if (!name.equals(image.name())) {
						continue;
					}
					String newName = (image.newName() != null) ? image.newName() : name;
					String tag = (image.newTag() != null) ? ":" + image.newTag()
							: hasTag ? current.substring(tagAt) : "";
					((ObjectNode) container).put("image", newName + tag);
				}
			}
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	/**
	 * RFC 6902 add, remove, replace and test over a Jackson tree, with RFC 6901 pointers.
	 */
	static final class JsonPatch {

		private JsonPatch() {
		}

		static void apply(ObjectNode document, Operation operation, String source) {
			List<String> tokens = tokens(operation.path(), source);
			if (tokens.isEmpty()) {
				throw new IllegalArgumentException(source + ": the whole document cannot be patched");
			}
			JsonNode parent = document;
			for (String token : tokens.subList(0, tokens.size() - 1)) {
				parent = child(parent, token, operation, source);
			}
			String last = tokens.get(tokens.size() - 1);
			switch (operation.op()) {
				case "add" -> add(parent, last, operation, source);
				case "replace" -> {
					child(parent, last, operation, source);
					set(parent, last, operation.value());
				}
				case "remove" -> {
					child(parent, last, operation, source);
					if (parent instanceof ObjectNode object) {
						object.remove(last);
					}
					else {
						((ArrayNode) parent).remove(Integer.parseInt(last));
					}
				}
				case "test" -> {
					if (!child(parent, last, operation, source).equals(operation.value())) {
						throw new IllegalArgumentException(source + ": test failed at " + operation.path());
					}
				}
				default -> throw new IllegalArgumentException(source + ": unsupported op " + operation.op());
			}
		}

		private static void add(JsonNode parent, String last, Operation operation, String source) {
			if (parent instanceof ObjectNode object) {
				object.set(last, operation.value().deepCopy());
			}
			else if (parent instanceof ArrayNode array) {
				if (last.equals("-")) {
					array.add(operation.value().deepCopy());
				}
				else {
					int index = index(last, array.size() + 1, operation, source);
					array.insert(index, operation.value().deepCopy());
				}
			}
			else {
				throw new IllegalArgumentException(source + ": cannot add below a scalar at " + operation.path());
			}
		}

		private static void set(JsonNode parent, String last, JsonNode value) {
			if (parent instanceof ObjectNode object) {
				object.set(last, value.deepCopy());
			}
			else {
				((ArrayNode) parent).set(Integer.parseInt(last), value.deepCopy());
			}
		}

		private static JsonNode child(JsonNode parent, String token, Operation operation, String source) {
			JsonNode child = null;
			if (parent instanceof ObjectNode object) {
				child = object.get(token);
			}
			else if (parent instanceof ArrayNode array) {
				child = array.get(index(token, array.size(), operation, source));
			}
			if (child == null) {
				throw new IllegalArgumentException(source + ": no value at " + operation.path());
			}
			return child;
		}

		private static int index(String token, int bound, Operation operation, String source) {
			if (!token.matches("0|[1-9][0-9]*") || Integer.parseInt(token) >= bound) {
				throw new IllegalArgumentException(source + ": bad array index in " + operation.path());
			}
			return Integer.parseInt(token);
		}

		private static List<String> tokens(String pointer, String source) {
			if (pointer == null || !pointer.startsWith("/")) {
				throw new IllegalArgumentException(source + ": a JSON pointer starts with /, got " + pointer);
			}
			List<String> tokens = new ArrayList<>();
			for (String token : pointer.substring(1).split("/", -1)) {
				tokens.add(token.replace("~1", "/").replace("~0", "~"));
			}
			return tokens;
		}

	}

}
