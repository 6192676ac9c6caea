package io.inkwell.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The PostgreSQL connection budget of a rendered overlay: the most connections its
 * workloads can hold at once, against {@code max_connections - reserved_connections}
 * declared in the overlay's {@code inkwell-db-budget} ConfigMap.
 * <p>
 * Pods holding connections during a rolling update: the desired count, plus
 * {@code maxSurge} new ones, plus the old pods of one step still draining
 * ({@code maxSurge + maxUnavailable}) — one step only, because
 * {@code minReadySeconds >= terminationGracePeriodSeconds} makes each step wait until the
 * previous step's pods are gone (this is checked too). A migrate init container holds one
 * connection before its pod's pool exists, so it fits in the pod's
 * {@code connection_limit} when the server connects directly; behind PgBouncer it is a
 * direct connection of its own, one per starting pod. A migrate Job and a backup CronJob
 * ({@code concurrencyPolicy: Forbid}) hold one each. With read replicas (the budget's
 * {@code replica_*} keys) every server pod also holds a pool on each replica, bounded by
 * each replica's own {@code max_connections}.
 */
final class ConnectionBudget {

	static final String BUDGET = "inkwell-db-budget";

	static final String PGBOUNCER = "inkwell-pgbouncer";

	private ConnectionBudget() {
	}

	/**
	 * The outcome: the sum as an operator would write it, and whatever breaks the budget.
	 */
	record Report(String overlay, String formula, int demand, int available, List<String> violations) {

		boolean holds() {
			return this.violations.isEmpty();
		}

	}

	static Report of(Overlay overlay) {
		List<String> violations = new ArrayList<>();
		ConfigMap budgetMap = overlay.one(ConfigMap.class, BUDGET);
		int maxConnections = integer(budgetMap, "max_connections");
		int reserved = integer(budgetMap, "reserved_connections");
		int connectionLimit = integer(budgetMap, "connection_limit");
		int available = maxConnections - reserved;

		Deployment server = overlay.server();
		HorizontalPodAutoscaler autoscaler = overlay.all(HorizontalPodAutoscaler.class)
			.stream()
			.filter((hpa) -> hpa.getSpec().getScaleTargetRef().getName().equals(Overlay.SERVER))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no HorizontalPodAutoscaler for the server"));
		int maxReplicas = autoscaler.getSpec().getMaxReplicas();
		Rollout serverRollout = rollout(server, maxReplicas, violations);

		long migrateJobs = overlay.all(Job.class).stream().filter(ConnectionBudget::migrates).count();
		for (Job job : overlay.all(Job.class)) {
			Integer parallelism = job.getSpec().getParallelism();
			if (parallelism != null && parallelism > 1) {
				violations.add("Job " + job.getMetadata().getName() + " runs " + parallelism + " pods at once");
			}
		}
		List<CronJob> cronJobs = overlay.all(CronJob.class);
		for (CronJob cronJob : cronJobs) {
			if (!"Forbid".equals(cronJob.getSpec().getConcurrencyPolicy())) {
				violations.add("CronJob " + cronJob.getMetadata().getName()
						+ " may run twice at once (concurrencyPolicy is not Forbid)");
			}
		}
		int backups = cronJobs.size();
		boolean initMigrates = server.getSpec().getTemplate().getSpec().getInitContainers() != null && server.getSpec()
			.getTemplate()
			.getSpec()
			.getInitContainers()
			.stream()
			.anyMatch(ConnectionBudget::migrates);

		Optional<Deployment> pgbouncer = overlay.find(Deployment.class, PGBOUNCER);
		int demand;
		String formula;
		if (pgbouncer.isEmpty()) {
			demand = serverRollout.pods() * connectionLimit + (int) migrateJobs + backups;
			formula = "(" + serverRollout + ") server pods x " + connectionLimit + " + " + migrateJobs
					+ " migrate Job + " + backups + " backup = " + demand;
		}
		else {
			Map<String, String> ini = pgbouncerIni(overlay);
			if (!"transaction".equals(ini.get("pool_mode"))) {
				violations.add("PgBouncer pool_mode is " + ini.get("pool_mode") + ", not transaction");
			}
			int maxClients = Integer.parseInt(ini.getOrDefault("max_client_conn", "100"));
			int maxDbConnections = Integer.parseInt(ini.getOrDefault("max_db_connections", "0"));
			if (maxDbConnections < 1) {
				violations.add("PgBouncer max_db_connections is unlimited; the budget needs a bound");
			}
			int clients = serverRollout.pods() * connectionLimit;
			if (clients > maxClients) {
				// the Service may send every server pod to the same PgBouncer replica
				violations.add("PgBouncer clients: (" + serverRollout + ") server pods x " + connectionLimit + " = "
						+ clients + " > max_client_conn " + maxClients);
			}
			Integer replicas = pgbouncer.get().getSpec().getReplicas();
			if (replicas == null) {
				throw new AssertionError("Deployment " + PGBOUNCER + " needs a fixed replicas count for the budget");
			}
			Rollout bouncers = rollout(pgbouncer.get(), replicas, violations);
			int starting = initMigrates ? maxReplicas + serverRollout.surge() : 0;
			demand = bouncers.pods() * maxDbConnections + starting + (int) migrateJobs + backups;
			formula = "(" + bouncers + ") PgBouncer pods x " + maxDbConnections + " + " + starting
					+ " migrate init containers + " + migrateJobs + " migrate Job + " + backups + " backup = " + demand;
		}
		if (demand > available) {
			violations
				.add(formula + " > max_connections " + maxConnections + " - reserved " + reserved + " = " + available);
		}
		formula = formula + " <= " + maxConnections + " - " + reserved + " = " + available;
		if (budgetMap.getData().containsKey("replica_connection_limit")) {
			// read replicas: every server pod holds a pool of its own on each replica
			int replicaLimit = integer(budgetMap, "replica_connection_limit");
			int replicaAvailable = integer(budgetMap, "replica_max_connections")
					- integer(budgetMap, "replica_reserved_connections");
			int replicaDemand = serverRollout.pods() * replicaLimit;
			String replicaFormula = "per replica: (" + serverRollout + ") server pods x " + replicaLimit + " = "
					+ replicaDemand;
			if (replicaDemand > replicaAvailable) {
				violations.add(replicaFormula + " > replica max_connections - reserved = " + replicaAvailable);
			}
			formula = formula + "; " + replicaFormula + " <= " + replicaAvailable;
		}
		return new Report(overlay.name(), formula, demand, available, violations);
	}

	/** Pods that can hold connections at once during a rollout at {@code replicas}. */
	record Rollout(int replicas, int surge, int draining) {

		int pods() {
			return this.replicas + this.surge + this.draining;
		}

		@Override
		public String toString() {
			return this.replicas + " + " + this.surge + " surge + " + this.draining + " draining";
		}

	}

	private static Rollout rollout(Deployment deployment, int replicas, List<String> violations) {
		var spec = deployment.getSpec();
		String name = "Deployment " + deployment.getMetadata().getName();
		if (spec.getStrategy() == null || !"RollingUpdate".equals(spec.getStrategy().getType())) {
			violations.add(name + ": the budget assumes a RollingUpdate strategy");
			return new Rollout(replicas, 0, replicas);
		}
		int surge = resolve(spec.getStrategy().getRollingUpdate().getMaxSurge(), replicas, true);
		int unavailable = resolve(spec.getStrategy().getRollingUpdate().getMaxUnavailable(), replicas, false);
		long grace = spec.getTemplate().getSpec().getTerminationGracePeriodSeconds();
		int minReady = (spec.getMinReadySeconds() != null) ? spec.getMinReadySeconds() : 0;
		if (minReady < grace) {
			violations.add(name + ": minReadySeconds " + minReady + " < terminationGracePeriodSeconds " + grace
					+ ", so draining pods of several rollout steps could overlap");
		}
		return new Rollout(replicas, surge, surge + unavailable);
	}

	/**
	 * Kubernetes rounds a percentage maxSurge up and a percentage maxUnavailable down.
	 */
	private static int resolve(IntOrString value, int replicas, boolean roundUp) {
		if (value == null) {
			// both default to 25 %
			value = new IntOrString("25%");
		}
		if (value.getIntVal() != null) {
			return value.getIntVal();
		}
		double percent = Double.parseDouble(value.getStrVal().replace("%", "")) * replicas / 100;
		return (int) (roundUp ? Math.ceil(percent) : Math.floor(percent));
	}

	private static boolean migrates(Job job) {
		return job.getSpec().getTemplate().getSpec().getContainers().stream().anyMatch(ConnectionBudget::migrates);
	}

	private static boolean migrates(Container container) {
		return (container.getCommand() != null && container.getCommand().contains("migrate"))
				|| (container.getArgs() != null && container.getArgs().contains("migrate"));
	}

	private static int integer(ConfigMap configMap, String key) {
		String value = (configMap.getData() != null) ? configMap.getData().get(key) : null;
		if (value == null || !value.matches("[0-9]{1,6}")) {
			throw new AssertionError("ConfigMap " + configMap.getMetadata().getName() + " needs a whole number " + key
					+ ", got " + value);
		}
		return Integer.parseInt(value);
	}

	/** The {@code [pgbouncer]} section of the PgBouncer ConfigMap's pgbouncer.ini. */
	static Map<String, String> pgbouncerIni(Overlay overlay) {
		String ini = overlay.one(ConfigMap.class, PGBOUNCER).getData().get("pgbouncer.ini");
		Map<String, String> settings = new LinkedHashMap<>();
		String section = "";
		for (String raw : ini.lines().toList()) {
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
				continue;
			}
			if (line.startsWith("[")) {
				section = line;
				continue;
			}
			int equals = line.indexOf('=');
			if (section.equals("[pgbouncer]") && equals > 0) {
				settings.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
			}
		}
		return settings;
	}

}
