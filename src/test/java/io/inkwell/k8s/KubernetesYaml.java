package io.inkwell.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads manifests into the fabric8 Kubernetes object model, strictly. The fabric8 classes
 * keep unknown fields in an {@code additionalProperties} map (a JSON any-setter), which
 * would let a misspelt {@code readinesProbe} pass; here the any-setter is removed so that
 * an unknown field fails, scalars are not coerced ({@code replicas: "3"} fails), and only
 * the kinds Inkwell's manifests use are accepted.
 */
final class KubernetesYaml {

	private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
			Map.entry("v1/Namespace", Namespace.class), Map.entry("v1/ConfigMap", ConfigMap.class),
			Map.entry("v1/Secret", Secret.class), Map.entry("v1/Service", Service.class),
			Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
			Map.entry("apps/v1/Deployment", Deployment.class), Map.entry("batch/v1/Job", Job.class),
			Map.entry("batch/v1/CronJob", CronJob.class),
			Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
			Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
			Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class));

	/** Strict: unknown properties fail, no any-setters, no scalar coercion. */
	static final YAMLMapper STRICT = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.addModule(new SimpleModule("no-any-setter").setDeserializerModifier(new NoAnySetter()))
		.build();

	private KubernetesYaml() {
	}

	/** The documents of a (multi-document) YAML text, empty documents left out. */
	static List<ObjectNode> documents(String yaml, String source) {
		List<ObjectNode> documents = new ArrayList<>();
		try (MappingIterator<JsonNode> iterator = STRICT.readerFor(JsonNode.class).readValues(yaml)) {
			while (iterator.hasNext()) {
				JsonNode document = iterator.next();
				if (document == null || document.isNull() || document.isMissingNode()) {
					continue;
				}
				if (!document.isObject()) {
					throw new IllegalArgumentException(source + ": a document is not a mapping: " + document);
				}
				documents.add((ObjectNode) document);
			}
		}
		return documents;
	}

	/**
	 * A document as its Kubernetes type; fails on an unknown kind or field, naming the
	 * source.
	 */
	static HasMetadata toObject(JsonNode document, String source) {
		String key = document.path("apiVersion").asString("") + "/" + document.path("kind").asString("");
		Class<? extends HasMetadata> type = KINDS.get(key);
		if (type == null) {
			throw new IllegalArgumentException(source + ": unexpected kind " + key + "; known: " + KINDS.keySet());
		}
		return read(document, type, source);
	}

	/** Reads a tree strictly into any type (fabric8 classes or a test's own records). */
	static <T> T read(JsonNode node, Class<T> type, String source) {
		try {
			return STRICT.treeToValue(node, type);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(
					source + ": not a valid " + type.getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

	private static final class NoAnySetter extends ValueDeserializerModifier {

		@Override
		public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription.Supplier bean,
				BeanDeserializerBuilder builder) {
			if (bean.getBeanClass().getName().startsWith("io.fabric8.")) {
				builder.setAnySetter(null);
			}
			return builder;
		}

	}

}
