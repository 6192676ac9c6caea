package io.inkwell.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.inkwell.k8s.FallbackKustomize.JsonPatch;
import io.inkwell.k8s.FallbackKustomize.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fallback renderer, used where {@code kubectl} is missing, renders the overlays
 * exactly as kustomize does, and refuses what it does not implement.
 */
class KustomizeFallbackTests {

	static List<String> overlays() {
		return Overlay.names();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void rendersEveryOverlayAsKubectlKustomizeDoes(String name) {
		assumeTrue(Kustomize.kubectl().isPresent(), "kubectl is not on the PATH: nothing to compare the fallback with");
		Path overlay = Overlay.OVERLAYS.resolve(name);
		Map<String, JsonNode> kubectl = byIdentity(Kustomize.withKubectl(overlay));
		Map<String, JsonNode> fallback = byIdentity(FallbackKustomize.render(overlay));
		assertThat(fallback.keySet()).isEqualTo(kubectl.keySet());
		kubectl.forEach((identity, object) -> assertThat(fallback.get(identity)).as(identity).isEqualTo(object));
	}

	@Test
	void refusesStrategicMergePatches(@TempDir Path directory) throws Exception {
		Files.writeString(directory.resolve("configmap.yaml"), """
				apiVersion: v1
				kind: ConfigMap
				metadata:
				  name: settings
				data:
				  a: "1"
				""");
		Files.writeString(directory.resolve("kustomization.yaml"), """
				apiVersion: kustomize.config.k8s.io/v1beta1
				kind: Kustomization
				resources:
				  - configmap.yaml
				patches:
				  - target:
				      kind: ConfigMap
				      name: settings
				    patch: |-
				      data:
				        a: "2"
				""");
		assertThatIllegalArgumentException().isThrownBy(() -> FallbackKustomize.render(directory))
			.withMessageContaining("strategic-merge patches are not supported");
	}

	@Test
	void refusesKustomizeFeaturesItDoesNotImplement(@TempDir Path directory) throws Exception {
		Files.writeString(directory.resolve("kustomization.yaml"), """
				apiVersion: kustomize.config.k8s.io/v1beta1
				kind: Kustomization
				namePrefix: staging-
				resources: []
				""");
		assertThatIllegalArgumentException().isThrownBy(() -> FallbackKustomize.render(directory))
			.withMessageContaining("namePrefix");
	}

	@Test
	void appliesJsonPatchOperations() {
		ObjectNode document = (ObjectNode) KubernetesYaml.STRICT.readTree("""
				spec:
				  list: [a, b]
				  keep: 1
				  drop: 2
				""");
		JsonPatch.apply(document, new Operation("add", "/spec/list/-", text("c")), "test");
		JsonPatch.apply(document, new Operation("add", "/spec/list/0", text("z")), "test");
		JsonPatch.apply(document, new Operation("replace", "/spec/keep", text("one")), "test");
		JsonPatch.apply(document, new Operation("remove", "/spec/drop", null), "test");
		JsonPatch.apply(document, new Operation("add", "/spec/a~1b", text("slash")), "test");
		assertThat(document).isEqualTo(KubernetesYaml.STRICT.readTree("""
				spec:
				  list: [z, a, b, c]
				  keep: one
				  a/b: slash
				"""));
	}

	@Test
	void refusesToReplaceWhatIsNotThere() {
		ObjectNode document = (ObjectNode) KubernetesYaml.STRICT.readTree("spec: {}");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JsonPatch.apply(document, new Operation("replace", "/spec/missing", text("x")), "test"))
			.withMessageContaining("no value at /spec/missing");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JsonPatch.apply(document, new Operation("test", "/spec", text("x")), "test"))
			.withMessageContaining("test failed");
	}

	private static JsonNode text(String value) {
		return KubernetesYaml.STRICT.getNodeFactory().stringNode(value);
	}

	private static Map<String, JsonNode> byIdentity(List<ObjectNode> documents) {
		Map<String, JsonNode> objects = new TreeMap<>();
		for (ObjectNode document : documents) {
			String identity = document.path("apiVersion").asString() + " " + document.path("kind").asString() + " "
					+ document.path("metadata").path("namespace").asString("") + "/"
					+ document.path("metadata").path("name").asString();
			assertThat(objects.put(identity, document)).as("duplicate " + identity).isNull();
		}
		return objects;
	}

}
