package io.inkwell.k8s;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.inkwell.db.DatabaseUrl;
import io.inkwell.db.ReplicaProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered overlays cannot open more PostgreSQL connections than their declared
 * budget ({@link ConnectionBudget}), and a change that would is caught.
 */
class ConnectionBudgetTests {

	static List<String> overlays() {
		return Overlay.names();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void holdsInEveryOverlay(String name) {
		ConnectionBudget.Report report = ConnectionBudget.of(Overlay.render(name));
		assertThat(report.violations()).as(report.formula()).isEmpty();
		assertThat(report.demand()).isPositive().isLessThanOrEqualTo(report.available());
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void sizesThePoolInTheDatabaseUrlTemplateAsTheBudgetSays(String name) {
		Overlay overlay = Overlay.render(name);
		String budgeted = overlay.one(ConfigMap.class, ConnectionBudget.BUDGET).getData().get("connection_limit");
		DatabaseUrl server = DatabaseUrl
			.parse(overlay.secretTemplateValue("inkwell-database", "DATABASE_URL").orElseThrow());
		assertThat(server.connectionLimit()).isEqualTo(Integer.parseInt(budgeted));
		DatabaseUrl migration = DatabaseUrl
			.parse(overlay.secretTemplateValue("inkwell-database", "MIGRATION_DATABASE_URL").orElseThrow());
		// migrate holds a session advisory lock: never through transaction pooling
		assertThat(migration.pgbouncer()).isFalse();
		assertThat(migration.host()).isNotEqualTo(ConnectionBudget.PGBOUNCER);
		if (overlay.find(Deployment.class, ConnectionBudget.PGBOUNCER).isPresent()) {
			Service pgbouncer = overlay.one(Service.class, ConnectionBudget.PGBOUNCER);
			assertThat(server.host()).isEqualTo(ConnectionBudget.PGBOUNCER);
			assertThat(server.port()).isEqualTo(pgbouncer.getSpec().getPorts().get(0).getPort());
			assertThat(server.pgbouncer()).as("pgbouncer=true: no named prepared statements").isTrue();
		}
		else {
			assertThat(server.pgbouncer()).isFalse();
		}
		String replicaLimit = overlay.one(ConfigMap.class, ConnectionBudget.BUDGET)
			.getData()
			.get("replica_connection_limit");
		Optional<String> replicaUrls = overlay.secretTemplateValue("inkwell-database", "DATABASE_REPLICA_URLS");
		assertThat(replicaUrls.isPresent()).as("DATABASE_REPLICA_URLS and replica_connection_limit go together")
			.isEqualTo(replicaLimit != null);
		replicaUrls.ifPresent((urls) -> {
			List<DatabaseUrl> replicas = new ReplicaProperties(urls, Duration.ofSeconds(1), Duration.ofSeconds(1))
				.urls();
			assertThat(replicas).isNotEmpty()
				.allSatisfy(
						(replica) -> assertThat(replica.connectionLimit()).isEqualTo(Integer.parseInt(replicaLimit)));
		});
	}

	@Test
	void failsWhenReplicaPoolsMayOutgrowAReplica() {
		Overlay replicas = Overlay.render("prod-replicas");
		assertThat(ConnectionBudget.of(replicas).holds()).isTrue();
		Overlay changed = replace(replicas, ConfigMap.class, (configMap) -> {
			if (!configMap.getMetadata().getName().equals(ConnectionBudget.BUDGET)) {
				return configMap;
			}
			return new ConfigMapBuilder(configMap).addToData("replica_connection_limit", "20").build();
		});
		ConnectionBudget.Report report = ConnectionBudget.of(changed);
		assertThat(report.violations()).singleElement().asString().contains("per replica");
	}

	@Test
	void failsWhenTheAutoscalerMayOutgrowTheDatabase() {
		Overlay prod = Overlay.render("prod");
		Overlay changed = replace(prod, HorizontalPodAutoscaler.class,
				(hpa) -> new HorizontalPodAutoscalerBuilder(hpa).editSpec().withMaxReplicas(18).endSpec().build());
		ConnectionBudget.Report report = ConnectionBudget.of(changed);
		assertThat(report.holds()).isFalse();
		assertThat(report.violations()).singleElement()
			.asString()
			.contains("18 + 1 surge + 1 draining", "> max_connections");
	}

	@Test
	void failsWhenPgBouncerMayOpenMoreThanTheDatabaseAccepts() {
		Overlay pgbouncer = Overlay.render("prod-pgbouncer");
		Overlay changed = replace(pgbouncer, ConfigMap.class, (configMap) -> {
			if (!configMap.getMetadata().getName().equals(ConnectionBudget.PGBOUNCER)) {
				return configMap;
			}
			String ini = configMap.getData().get("pgbouncer.ini");
			assertThat(ini).contains("max_db_connections = 40");
			return new ConfigMapBuilder(configMap)
				.addToData("pgbouncer.ini", ini.replace("max_db_connections = 40", "max_db_connections = 60"))
				.build();
		});
		assertThat(ConnectionBudget.of(pgbouncer).holds()).isTrue();
		assertThat(ConnectionBudget.of(changed).violations()).singleElement()
			.asString()
			.contains("PgBouncer pods x 60", "> max_connections");
	}

	@Test
	void failsWhenRolloutStepsMayDrainAtTheSameTime() {
		Overlay prod = Overlay.render("prod");
		Overlay changed = replace(prod, Deployment.class,
				(deployment) -> new DeploymentBuilder(deployment).editSpec().withMinReadySeconds(0).endSpec().build());
		assertThat(ConnectionBudget.of(changed).violations()).singleElement()
			.asString()
			.contains("minReadySeconds 0 < terminationGracePeriodSeconds");
	}

	private static <T extends HasMetadata> Overlay replace(Overlay overlay, Class<T> type, UnaryOperator<T> change) {
		List<HasMetadata> objects = overlay.objects()
			.stream()
			.map((object) -> type.isInstance(object) ? (HasMetadata) change.apply(type.cast(object)) : object)
			.toList();
		return overlay.with(objects);
	}

}
