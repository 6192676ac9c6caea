package io.inkwell.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * One rendered overlay of {@code k8s/overlays/}, parsed strictly into the Kubernetes
 * object model, with its Secret template ({@code secret.example.yaml}, which is not
 * rendered).
 */
final class Overlay {

	static final Path OVERLAYS = Kustomize.K8S.resolve("overlays");

	/** The Deployment and its container that serve HTTP. */
	static final String SERVER = "inkwell";

	private final String name;

	private final String renderer;

	private final List<HasMetadata> objects;

	private Overlay(String name, String renderer, List<HasMetadata> objects) {
		this.name = name;
		this.renderer = renderer;
		this.objects = objects;
	}

	/**
	 * Every overlay directory, so that a new overlay is tested without touching the
	 * tests.
	 */
	static List<String> names() {
		try (Stream<Path> entries = Files.list(OVERLAYS)) {
			return entries.filter(Files::isDirectory).map((path) -> path.getFileName().toString()).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Overlay render(String name) {
		Kustomize.Rendering rendering = Kustomize.render(OVERLAYS.resolve(name));
		String source = "k8s/overlays/" + name + " (" + rendering.renderer() + ")";
		List<HasMetadata> objects = rendering.documents()
			.stream()
			.map((document) -> KubernetesYaml.toObject(document, source))
			.toList();
		return new Overlay(name, rendering.renderer(), objects);
	}

	/**
	 * The same overlay with other objects, e.g. a changed copy to prove that a check can
	 * fail.
	 */
	Overlay with(List<HasMetadata> objects) {
		return new Overlay(this.name, this.renderer, objects);
	}

	String name() {
		return this.name;
	}

	String renderer() {
		return this.renderer;
	}

	List<HasMetadata> objects() {
		return this.objects;
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
		return all(type).stream().filter((object) -> object.getMetadata().getName().equals(name)).findFirst();
	}

	<T extends HasMetadata> T one(Class<T> type, String name) {
		return find(type, name).orElseThrow(() -> new AssertionError(
				"k8s/overlays/" + this.name + " renders no " + type.getSimpleName() + " " + name));
	}

	Deployment server() {
		return one(Deployment.class, SERVER);
	}

	Container serverContainer() {
		return server().getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.stream()
			.filter((container) -> container.getName().equals(SERVER))
			.findFirst()
			.orElseThrow(() -> new AssertionError("Deployment inkwell has no container named inkwell"));
	}

	/** The Secrets of the overlay's {@code secret.example.yaml}, strictly parsed. */
	List<Secret> secretTemplates() {
		Path file = OVERLAYS.resolve(this.name).resolve("secret.example.yaml");
		try {
			return KubernetesYaml.documents(Files.readString(file), file.toString())
				.stream()
				.map((document) -> KubernetesYaml.read(document, Secret.class, file.toString()))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("every overlay has a secret.example.yaml: " + file, ex);
		}
	}

	/** A value of a Secret template ({@code stringData}). */
	Optional<String> secretTemplateValue(String secret, String key) {
		return secretTemplates().stream()
			.filter((template) -> template.getMetadata().getName().equals(secret))
			.findFirst()
			.map((template) -> template.getStringData() != null ? template.getStringData().get(key) : null);
	}

	/**
	 * Every pod spec of the overlay, named after its workload: Deployments, Jobs,
	 * CronJobs.
	 */
	List<Workload> workloads() {
		List<Workload> workloads = new ArrayList<>();
		all(Deployment.class)
			.forEach((deployment) -> workloads.add(new Workload("Deployment " + deployment.getMetadata().getName(),
					deployment.getSpec().getTemplate().getSpec())));
		all(Job.class).forEach((job) -> workloads
			.add(new Workload("Job " + job.getMetadata().getName(), job.getSpec().getTemplate().getSpec())));
		all(CronJob.class).forEach((cronJob) -> workloads.add(new Workload("CronJob " + cronJob.getMetadata().getName(),
				cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec())));
		return workloads;
	}

	/** Every container (init containers first) that runs the application's image. */
	List<AppContainer> appContainers() {
		String image = serverContainer().getImage();
		List<AppContainer> containers = new ArrayList<>();
		for (Workload workload : workloads()) {
			for (Container container : workload.allContainers()) {
				if (image.equals(container.getImage())) {
					containers.add(new AppContainer(workload.name() + "/" + container.getName(), workload, container));
				}
			}
		}
		return containers;
	}

	@Override
	public String toString() {
		return this.name;
	}

	record Workload(String name, PodSpec pod) {

		List<Container> allContainers() {
			List<Container> all = new ArrayList<>();
			if (this.pod.getInitContainers() != null) {
				all.addAll(this.pod.getInitContainers());
			}
			all.addAll(this.pod.getContainers());
			return all;
		}

	}

	record AppContainer(String name, Workload workload, Container container) {

		/** Runs the {@code migrate} sub-command rather than the server. */
		boolean migrates() {
			List<String> line = new ArrayList<>();
			if (this.container.getCommand() != null) {
				line.addAll(this.container.getCommand());
			}
			if (this.container.getArgs() != null) {
				line.addAll(this.container.getArgs());
			}
			return line.contains("migrate");
		}

	}

}
