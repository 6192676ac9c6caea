package io.inkwell.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every YAML file under {@code k8s/} parses into the Kubernetes object model, strictly.
 */
class ManifestParsingTests {

	@Test
	void parsesEveryManifestFileStrictly() throws Exception {
		List<String> parsed = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Kustomize.K8S)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yaml")).sorted().toList()) {
				if (file.getFileName().toString().equals("kustomization.yaml")) {
					FallbackKustomize.kustomization(file.getParent());
					parsed.add(file + ": kustomization");
					continue;
				}
				for (ObjectNode document : KubernetesYaml.documents(Files.readString(file), file.toString())) {
					HasMetadata object = KubernetesYaml.toObject(document, file.toString());
					parsed.add(file + ": " + object.getKind() + " " + object.getMetadata().getName());
				}
			}
		}
		assertThat(parsed).anyMatch((entry) -> entry.endsWith("Deployment inkwell"))
			.anyMatch((entry) -> entry.endsWith("CronJob inkwell-backup"))
			.anyMatch((entry) -> entry.endsWith("Secret inkwell-database"))
			.anyMatch((entry) -> entry.endsWith("Job inkwell-restore"))
			.anyMatch((entry) -> entry.endsWith("Job inkwell-migrate-rollback"));
	}

	@Test
	void rejectsAMisspeltField() {
		String yaml = """
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: typo
				spec:
				  template:
				    spec:
				      containers:
				        - name: app
				          image: app:1
				          readinesProbe:
				            httpGet: {path: /ready, port: http}
				""";
		assertThatIllegalArgumentException().isThrownBy(() -> parse(yaml)).withMessageContaining("readinesProbe");
	}

	@Test
	void rejectsAStringWhereKubernetesWantsANumber() {
		String yaml = """
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: quoted
				spec:
				  replicas: "3"
				""";
		assertThatIllegalArgumentException().isThrownBy(() -> parse(yaml)).withMessageContaining("replicas");
	}

	@Test
	void rejectsAKindTheManifestsDoNotUse() {
		String yaml = """
				apiVersion: extensions/v1beta1
				kind: Deployment
				metadata:
				  name: old
				""";
		assertThatIllegalArgumentException().isThrownBy(() -> parse(yaml)).withMessageContaining("unexpected kind");
	}

	@Test
	void readsAValidDeployment() {
		HasMetadata object = parse("""
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: fine
				spec:
				  replicas: 3
				""");
		assertThat(object).isInstanceOfSatisfying(Deployment.class,
				(deployment) -> assertThat(deployment.getSpec().getReplicas()).isEqualTo(3));
	}

	private static HasMetadata parse(String yaml) {
		return KubernetesYaml.toObject(KubernetesYaml.documents(yaml, "test").get(0), "test");
	}

}
