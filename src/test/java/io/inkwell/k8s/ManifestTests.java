package io.inkwell.k8s;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.inkwell.db.DatabaseUrl;
import io.inkwell.k8s.Overlay.AppContainer;
import io.inkwell.k8s.Overlay.Workload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay of {@code k8s/overlays/}, rendered ({@link Kustomize}) and parsed
 * strictly, against what the application actually reads and serves
 * ({@link ApplicationContract}).
 */
class ManifestTests {

	static List<String> overlays() {
		return Overlay.names();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void rendersTheObjectsOfADeployment(String name) {
		Overlay overlay = Overlay.render(name);
		Set<String> kinds = new TreeSet<>();
		overlay.objects().forEach((object) -> kinds.add(object.getKind()));
		assertThat(kinds).as(overlay.renderer())
			.contains("Namespace", "ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler",
					"PodDisruptionBudget", "NetworkPolicy", "CronJob", "PersistentVolumeClaim");
		// Secrets are templates outside the kustomizations, never rendered from git
		assertThat(kinds).doesNotContain("Secret");
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void setsOnlyEnvironmentVariablesTheApplicationReads(String name) {
		Set<String> read = ApplicationContract.environmentVariablesRead();
		Set<String> bindable = ApplicationContract.relaxedBindingNames().keySet();
		List<String> unknown = new ArrayList<>();
		for (AppContainer app : Overlay.render(name).appContainers()) {
			assertThat(app.container().getEnvFrom())
				.as("%s: envFrom hides which variables are set; list them", app.name())
				.isNullOrEmpty();
			for (EnvVar variable : env(app.container())) {
				if (!read.contains(variable.getName()) && !bindable.contains(variable.getName())) {
					unknown.add(app.name() + ": " + variable.getName());
				}
			}
		}
		assertThat(unknown)
			.as("set, but the application reads only %s (and the relaxed names of %s)", read,
					ApplicationContract.APPLICATION_YAML)
			.isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void setsTheVariablesTheApplicationRequires(String name) {
		Overlay overlay = Overlay.render(name);
		assertThat(ApplicationContract.environmentVariablesRead()).contains("DATABASE_URL", "MIGRATION_DATABASE_URL");
		assertThat(names(overlay.serverContainer())).contains("DATABASE_URL");
		List<AppContainer> migrations = overlay.appContainers().stream().filter(AppContainer::migrates).toList();
		assertThat(migrations).isNotEmpty();
		migrations.forEach((migrate) -> assertThat(names(migrate.container())).as(migrate.name())
			.contains("MIGRATION_DATABASE_URL"));
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void resolvesEveryConfigMapSecretAndVolumeReference(String name) {
		Overlay overlay = Overlay.render(name);
		List<String> dangling = new ArrayList<>();
		for (Workload workload : overlay.workloads()) {
			for (Container container : workload.allContainers()) {
				String where = workload.name() + "/" + container.getName();
				for (EnvVar variable : env(container)) {
					if (variable.getValueFrom() == null) {
						continue;
					}
					var configMapKey = variable.getValueFrom().getConfigMapKeyRef();
					if (configMapKey != null && !overlay.find(ConfigMap.class, configMapKey.getName())
						.map((configMap) -> configMap.getData() != null
								&& configMap.getData().containsKey(configMapKey.getKey()))
						.orElse(false)) {
						dangling.add(where + ": ConfigMap " + configMapKey.getName() + " key " + configMapKey.getKey());
					}
					var secretKey = variable.getValueFrom().getSecretKeyRef();
					if (secretKey != null
							&& overlay.secretTemplateValue(secretKey.getName(), secretKey.getKey()).isEmpty()) {
						dangling.add(where + ": Secret " + secretKey.getName() + " key " + secretKey.getKey()
								+ " (not in secret.example.yaml)");
					}
				}
			}
			for (Volume volume : workload.pod().getVolumes()) {
				if (volume.getConfigMap() != null
						&& overlay.find(ConfigMap.class, volume.getConfigMap().getName()).isEmpty()) {
					dangling.add(workload.name() + ": ConfigMap volume " + volume.getConfigMap().getName());
				}
				if (volume.getSecret() != null && overlay.secretTemplates()
					.stream()
					.noneMatch((secret) -> secret.getMetadata().getName().equals(volume.getSecret().getSecretName()))) {
					dangling.add(workload.name() + ": Secret volume " + volume.getSecret().getSecretName());
				}
				if (volume.getPersistentVolumeClaim() != null
						&& overlay.find(PersistentVolumeClaim.class, volume.getPersistentVolumeClaim().getClaimName())
							.isEmpty()) {
					dangling.add(workload.name() + ": claim " + volume.getPersistentVolumeClaim().getClaimName());
				}
			}
		}
		assertThat(dangling).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void secretTemplatesHoldPlaceholdersOnly(String name) {
		Overlay overlay = Overlay.render(name);
		assertThat(overlay.secretTemplates()).isNotEmpty();
		for (var secret : overlay.secretTemplates()) {
			assertThat(secret.getData()).as("base64 data would hide what is committed").isNullOrEmpty();
			secret.getStringData().forEach((key, value) -> {
				if (key.endsWith("DATABASE_URL")) {
					assertThat(DatabaseUrl.parse(value).password()).as(key).isEqualTo("CHANGE_ME");
				}
				else if (key.equals("PGPASSWORD")) {
					assertThat(value).isEqualTo("CHANGE_ME");
				}
				else if (key.equals("userlist.txt")) {
					assertThat(value).contains("CHANGE_ME");
				}
			});
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void probesAndScrapesTheActuatorOnItsOwnPortOutsideTheAdmissionGate(String name) {
		Overlay overlay = Overlay.render(name);
		Container server = overlay.serverContainer();
		assertThat(httpGet(server.getStartupProbe()).getPath()).isEqualTo(ApplicationContract.livenessPath());
		assertThat(httpGet(server.getLivenessProbe()).getPath()).isEqualTo(ApplicationContract.livenessPath());
		assertThat(httpGet(server.getReadinessProbe()).getPath()).isEqualTo(ApplicationContract.readinessPath());
		for (Probe probe : List.of(server.getStartupProbe(), server.getLivenessProbe(), server.getReadinessProbe())) {
			assertThat(httpGet(probe).getPort().getStrVal()).isEqualTo("management");
		}
		assertThat(containerPort(server, "http")).as("the port the application listens on")
			.isEqualTo(listeningPort(overlay, server, ApplicationContract.portVariable()));
		int management = containerPort(server, "management");
		Integer managementSet = listeningPort(overlay, server, ApplicationContract.managementPortVariable());
		assertThat(managementSet).as("%s, the actuator's own port", ApplicationContract.managementPortVariable())
			.isNotNull()
			.isEqualTo(management)
			.isNotEqualTo(containerPort(server, "http"));
		String scrapePort = overlay.server()
			.getSpec()
			.getTemplate()
			.getMetadata()
			.getAnnotations()
			.get("prometheus.io/port");
		assertThat(scrapePort).isEqualTo(String.valueOf(management));
		List<String> admitted = overlay.one(NetworkPolicy.class, "inkwell-server")
			.getSpec()
			.getIngress()
			.stream()
			.flatMap((rule) -> rule.getPorts().stream())
			.map((port) -> port.getPort().getStrVal())
			.toList();
		assertThat(admitted).as("ports the NetworkPolicy opens into the server pods")
			.containsExactlyInAnyOrder("http", "management");
	}

	private static int containerPort(Container server, String name) {
		return server.getPorts()
			.stream()
			.filter((port) -> name.equals(port.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container port named " + name))
			.getContainerPort();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void routesTheServiceToTheServerPods(String name) {
		Overlay overlay = Overlay.render(name);
		Service service = overlay.one(Service.class, Overlay.SERVER);
		Map<String, String> podLabels = overlay.server().getSpec().getTemplate().getMetadata().getLabels();
		assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
		assertThat(podLabels).containsAllEntriesOf(overlay.server().getSpec().getSelector().getMatchLabels());
		assertThat(service.getSpec().getPorts()).singleElement()
			.satisfies((port) -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void migratesWithTheServersImageBeforeItServes(String name) {
		Overlay overlay = Overlay.render(name);
		String image = overlay.serverContainer().getImage();
		assertThat(image).as("the overlay pins the image").contains(":").doesNotEndWith(":latest");
		List<String> initMigrations = new ArrayList<>();
		List<String> jobMigrations = new ArrayList<>();
		for (Workload workload : overlay.workloads()) {
			for (Container container : workload.allContainers()) {
				if (runs(container, "migrate")) {
					assertThat(container.getImage()).as(workload.name() + "/" + container.getName()).isEqualTo(image);
					boolean init = workload.pod().getInitContainers() != null
							&& workload.pod().getInitContainers().contains(container);
					(init ? initMigrations : jobMigrations).add(workload.name());
				}
			}
		}
		// exactly one way: the server's init container, or a Job (components/migrate-job)
		if (jobMigrations.isEmpty()) {
			assertThat(initMigrations).containsExactly("Deployment " + Overlay.SERVER);
		}
		else {
			assertThat(initMigrations).isEmpty();
			assertThat(jobMigrations).containsExactly("Job inkwell-migrate");
			assertThat(overlay.one(Job.class, "inkwell-migrate").getSpec().getParallelism()).isIn(null, 1);
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void givesTheGracefulShutdownTimeToFinishBeforeSigkill(String name) {
		Overlay overlay = Overlay.render(name);
		Container server = overlay.serverContainer();
		Duration shutdown = env(server).stream()
			.filter((variable) -> "spring.lifecycle.timeout-per-shutdown-phase"
				.equals(ApplicationContract.relaxedBindingNames().get(variable.getName())))
			.map((variable) -> DurationStyle.detectAndParse(variable.getValue()))
			.findFirst()
			.orElseGet(ApplicationContract::shutdownTimeout);
		Duration preStop = Duration.ofSeconds(preStopSleepSeconds(server));
		Duration grace = Duration
			.ofSeconds(overlay.server().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
		assertThat(preStop).as("a preStop pause lets the endpoint removal spread").isPositive();
		// Kubernetes counts the preStop hook into the grace period
		assertThat(grace).as("terminationGracePeriodSeconds vs preStop %s + shutdown %s", preStop, shutdown)
			.isGreaterThan(preStop.plus(shutdown));
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void runsEveryPodAsNonRootWithoutPrivileges(String name) {
		for (Workload workload : Overlay.render(name).workloads()) {
			PodSecurityContext pod = workload.pod().getSecurityContext();
			assertThat(pod).as(workload.name()).isNotNull();
			assertThat(pod.getRunAsNonRoot()).as(workload.name()).isTrue();
			assertThat(pod.getRunAsUser()).as(workload.name()).isNotNull().isPositive();
			assertThat(pod.getSeccompProfile().getType()).as(workload.name()).isEqualTo("RuntimeDefault");
			assertThat(workload.pod().getAutomountServiceAccountToken()).as(workload.name()).isFalse();
			for (Container container : workload.allContainers()) {
				String where = workload.name() + "/" + container.getName();
				SecurityContext security = container.getSecurityContext();
				assertThat(security).as(where).isNotNull();
				assertThat(security.getAllowPrivilegeEscalation()).as(where).isFalse();
				assertThat(security.getReadOnlyRootFilesystem()).as(where).isTrue();
				assertThat(security.getCapabilities().getDrop()).as(where).containsExactly("ALL");
				assertThat(security.getCapabilities().getAdd()).as(where).isNullOrEmpty();
				// a read-only root needs somewhere to write temporary files
				assertThat(container.getVolumeMounts()).as(where)
					.anySatisfy((mount) -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
			}
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void requestsCpuAndLimitsMemoryForEveryContainer(String name) {
		for (Workload workload : Overlay.render(name).workloads()) {
			for (Container container : workload.allContainers()) {
				String where = workload.name() + "/" + container.getName();
				assertThat(container.getResources().getRequests()).as(where).containsKeys("cpu", "memory");
				assertThat(container.getResources().getLimits()).as(where).containsKey("memory");
				assertThat(container.getResources().getLimits().get("memory"))
					.as(where + ": the memory request equals the limit (no overcommit, no surprise OOM kill)")
					.isEqualTo(container.getResources().getRequests().get("memory"));
			}
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void scalesTheServerWithZeroDowntimeRollouts(String name) {
		Overlay overlay = Overlay.render(name);
		Deployment server = overlay.server();
		assertThat(server.getSpec().getReplicas()).as("the HorizontalPodAutoscaler owns the replica count").isNull();
		assertThat(server.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
		List<HorizontalPodAutoscaler> autoscalers = overlay.all(HorizontalPodAutoscaler.class);
		assertThat(autoscalers).singleElement().satisfies((hpa) -> {
			assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
			assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
			assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(Overlay.SERVER);
			assertThat(hpa.getSpec().getMinReplicas()).isPositive().isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
		});
		PodDisruptionBudget budget = overlay.one(PodDisruptionBudget.class, Overlay.SERVER);
		assertThat(server.getSpec().getTemplate().getMetadata().getLabels())
			.containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void keepsEveryObjectInTheOverlaysNamespace(String name) {
		Overlay overlay = Overlay.render(name);
		List<Namespace> namespaces = overlay.all(Namespace.class);
		assertThat(namespaces).hasSize(1);
		String namespace = namespaces.get(0).getMetadata().getName();
		assertThat(namespaces.get(0).getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce",
				"restricted");
		for (HasMetadata object : overlay.objects()) {
			if (!(object instanceof Namespace)) {
				assertThat(object.getMetadata().getNamespace())
					.as(object.getKind() + " " + object.getMetadata().getName())
					.isEqualTo(namespace);
			}
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void letsEveryDatabaseClientReachTheDatabaseAndNothingElse(String name) {
		Overlay overlay = Overlay.render(name);
		NetworkPolicy deny = overlay.one(NetworkPolicy.class, "inkwell-default-deny");
		assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
		assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
		Map<String, String> clients = overlay.one(NetworkPolicy.class, "inkwell-database-clients")
			.getSpec()
			.getPodSelector()
			.getMatchLabels();
		for (Deployment deployment : overlay.all(Deployment.class)) {
			assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
				.as(deployment.getMetadata().getName())
				.containsAllEntriesOf(clients);
		}
		for (Job job : overlay.all(Job.class)) {
			assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(clients);
		}
		for (CronJob cronJob : overlay.all(CronJob.class)) {
			assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels())
				.containsAllEntriesOf(clients);
		}
		Map<String, String> served = overlay.one(NetworkPolicy.class, "inkwell-server")
			.getSpec()
			.getPodSelector()
			.getMatchLabels();
		assertThat(overlay.server().getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(served);
	}

	static List<EnvVar> env(Container container) {
		return (container.getEnv() != null) ? container.getEnv() : List.of();
	}

	private static Set<String> names(Container container) {
		Set<String> names = new TreeSet<>();
		env(container).forEach((variable) -> names.add(variable.getName()));
		return names;
	}

	private static boolean runs(Container container, String word) {
		return (container.getCommand() != null && container.getCommand().contains(word))
				|| (container.getArgs() != null && container.getArgs().contains(word));
	}

	private static HTTPGetAction httpGet(Probe probe) {
		assertThat(probe).isNotNull();
		assertThat(probe.getHttpGet()).as("an HTTP probe").isNotNull();
		return probe.getHttpGet();
	}

	/**
	 * The server trusts the forwarding headers of the proxies in front of it (the login
	 * limits count the client, not the ingress): TRUSTED_PROXIES holds address ranges the
	 * application accepts, and covers a typical ingress pod address.
	 */
	@ParameterizedTest
	@MethodSource("overlays")
	void trustsTheIngressForTheClientAddress(String name) {
		Overlay overlay = Overlay.render(name);
		EnvVar set = env(overlay.serverContainer()).stream()
			.filter((env) -> env.getName().equals("TRUSTED_PROXIES"))
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + ": the server container does not set TRUSTED_PROXIES"));
		var reference = set.getValueFrom().getConfigMapKeyRef();
		String value = overlay.one(ConfigMap.class, reference.getName()).getData().get(reference.getKey());
		assertThat(value).as(name + ": TRUSTED_PROXIES").isNotBlank();
		List<String> ranges = List.of(value.split(","));
		InetAddressMatcher trusted = InetAddressMatchers.builder().includeAddresses(ranges).build();
		assertThat(trusted.matches("10.244.1.17")).as("a pod address of the ingress controller").isTrue();
		assertThat(trusted.matches("203.0.113.9")).as("a public client").isFalse();
	}

	/** The value of the port variable as the container resolves it, else the default. */
	/**
	 * The port the container sets in {@code variable}; unset, the API's default port for
	 * {@code PORT} and {@code null} for any other.
	 */
	private static Integer listeningPort(Overlay overlay, Container server, String variable) {
		Optional<EnvVar> set = env(server).stream().filter((env) -> env.getName().equals(variable)).findFirst();
		if (set.isEmpty()) {
			return variable.equals(ApplicationContract.portVariable()) ? ApplicationContract.defaultPort() : null;
		}
		if (set.get().getValue() != null) {
			return Integer.parseInt(set.get().getValue());
		}
		var reference = set.get().getValueFrom().getConfigMapKeyRef();
		assertThat(reference).as(variable + " comes from a literal or a ConfigMap").isNotNull();
		return Integer.parseInt(overlay.one(ConfigMap.class, reference.getName()).getData().get(reference.getKey()));
	}

	static int preStopSleepSeconds(Container container) {
		var preStop = container.getLifecycle().getPreStop();
		if (preStop.getSleep() != null) {
			return preStop.getSleep().getSeconds().intValue();
		}
		List<String> command = preStop.getExec().getCommand();
		assertThat(command).as("preStop is a sleep").hasSize(2).first().isEqualTo("sleep");
		return Integer.parseInt(command.get(1));
	}

}
