package io.inkwell.rehearsal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.inkwell.rehearsal.Rehearsal.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes rollout of {@code k8s/}, played on one machine with real processes
 * against one PostgreSQL ({@link Rehearsal}): {@code migrate} first (the init container),
 * then server processes that join a client-side rotation (the Service's endpoints) only
 * once their readiness probe says so. A rollout step is the Deployment's: start one new
 * pod (maxSurge 1), wait until it is ready, put it in rotation, then take one old pod out
 * of rotation, let its requests in flight finish (what the preStop pause buys) and send
 * it SIGTERM (maxUnavailable 0).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RollingDeployRehearsalTests {

	private static final Duration LOAD_PERIOD = Duration.ofMillis(25);

	@Test
	void rollingRestartAnswersEveryRequestAndLeavesNoConnectionBehind(@TempDir Path logs) throws Exception {
		try (Rehearsal rehearsal = new Rehearsal(logs)) {
			assertThat(rehearsal.migrate(Optional.empty())).contains("changeset(s)");
			Pod a = rehearsal.start("a", Optional.empty());
			Pod b = rehearsal.start("b", Optional.empty());
			rehearsal.awaitReady(a);
			rehearsal.awaitReady(b);
			try (Load load = new Load(rehearsal.http, createUser(rehearsal, a), rehearsal.adminToken())) {
				load.add(a);
				load.add(b);
				load.start(LOAD_PERIOD);
				load.awaitServed(40);
				assertThat(rehearsal.connections()).as("every pod keeps to its pool size")
					.allSatisfy(
							(name, sessions) -> assertThat(sessions).isLessThanOrEqualTo(Rehearsal.CONNECTION_LIMIT));

				Pod c = replace(rehearsal, load, a, "c", Optional.empty());
				Pod d = replace(rehearsal, load, b, "d", Optional.empty());
				load.awaitServed(40);
				load.stop();

				assertThat(load.failures()).as("failed requests").isEmpty();
				assertThat(load.failed()).isZero();
				for (Pod pod : List.of(a, b, c, d)) {
					assertThat(load.ok(pod)).as(pod + " served").isPositive();
				}
				for (Pod old : List.of(a, b)) {
					assertThat(old.log()).as(old + " drained on SIGTERM").contains("Graceful shutdown complete");
				}
				rehearsal.terminate(c);
				rehearsal.terminate(d);
			}
			assertThat(rehearsal.awaitNoConnections(Duration.ofSeconds(15))).as("sessions left in pg_stat_activity")
				.isEmpty();
			assertThat(rehearsal.mostConnections()).isNotEmpty()
				.allSatisfy((name, most) -> assertThat(most).isLessThanOrEqualTo(Rehearsal.CONNECTION_LIMIT));
		}
	}

	@Test
	void expandChangesetRollsOutWhileTheOldReleaseKeepsServing(@TempDir Path logs) throws Exception {
		Optional<String> next = Optional.of(Rehearsal.NEXT_CHANGELOG);
		try (Rehearsal rehearsal = new Rehearsal(logs)) {
			rehearsal.migrate(Optional.empty());
			Pod a = rehearsal.start("a", Optional.empty());
			Pod b = rehearsal.start("b", Optional.empty());
			rehearsal.awaitReady(a);
			rehearsal.awaitReady(b);
			try (Load load = new Load(rehearsal.http, createUser(rehearsal, a), rehearsal.adminToken())) {
				load.add(a);
				load.add(b);
				load.start(LOAD_PERIOD);
				load.awaitServed(40);

				// the new release's first pod starts before its migration ran (e.g. the
				// migrate Job
				// is still running): it serves nothing, and says why
				Pod c = rehearsal.start("c", next);
				HttpResponse<String> notReady = awaitAnswer(rehearsal, c);
				assertThat(notReady.statusCode()).isEqualTo(503);
				assertThat(notReady.body()).contains("9001-add-posts-subtitle", "run the migrate job");

				// expand: the new release's migrate adds a nullable column while the old
				// release serves
				assertThat(rehearsal.migrate(next)).contains("applied 1 changeset(s): 9001-add-posts-subtitle");
				assertThat(rehearsal.columnExists("posts", "subtitle")).isTrue();
				for (Pod old : List.of(a, b)) {
					// readiness tolerates changesets a release does not know
					assertThat(rehearsal.readiness(old).orElseThrow().statusCode()).as(old + " after the expand")
						.isEqualTo(200);
				}
				load.awaitServed(a, 10);
				load.awaitServed(b, 10);

				// the new pod turns ready by itself (the probe re-reads the schema); the
				// rollout continues
				rehearsal.awaitReady(c);
				load.add(c);
				retire(rehearsal, load, a);
				Pod d = replace(rehearsal, load, b, "d", next);
				load.awaitServed(40);
				load.stop();

				assertThat(load.failures()).as("failed requests").isEmpty();
				assertThat(load.failed()).isZero();
				assertThat(load.ok(c)).isPositive();
				assertThat(load.ok(d)).isPositive();
				rehearsal.terminate(c);
				rehearsal.terminate(d);
			}
			assertThat(rehearsal.awaitNoConnections(Duration.ofSeconds(15))).as("sessions left in pg_stat_activity")
				.isEmpty();
		}
	}

	/** One rollout step: a new pod in, then the old one out. */
	private static Pod replace(Rehearsal rehearsal, Load load, Pod old, String name, Optional<String> changelog)
			throws Exception {
		Pod fresh = rehearsal.start(name, changelog);
		rehearsal.awaitReady(fresh);
		load.add(fresh);
		load.awaitServed(fresh, 10);
		// samples the sessions per process (checked against the pool size at the end)
		rehearsal.connections();
		retire(rehearsal, load, old);
		return fresh;
	}

	/**
	 * Endpoint removal, the preStop pause (requests in flight finish), SIGTERM, graceful
	 * exit.
	 */
	private static void retire(Rehearsal rehearsal, Load load, Pod old) {
		load.remove(old);
		load.awaitIdle(old);
		rehearsal.terminate(old);
	}

	private static String createUser(Rehearsal rehearsal, Pod pod) throws Exception {
		HttpResponse<String> created = rehearsal.http.send(HttpRequest.newBuilder(pod.uri("/api/users"))
			.header("Content-Type", "application/json")
			.header("Authorization", rehearsal.adminToken())
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"email\":\"rehearsal-" + UUID.randomUUID() + "@example.com\",\"name\":\"Reader\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String location = created.headers().firstValue("Location").orElseThrow();
		return location.substring(location.lastIndexOf('/') + 1);
	}

	/** The pod's first readiness answer, whatever it says (bounded). */
	private static HttpResponse<String> awaitAnswer(Rehearsal rehearsal, Pod pod) {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (true) {
			Optional<HttpResponse<String>> answer = rehearsal.readiness(pod);
			if (answer.isPresent()) {
				return answer.get();
			}
			if (System.nanoTime() > deadline || pod.awaitExit(Duration.ofMillis(200))) {
				throw new AssertionError(pod + " never answered its readiness probe:\n" + pod.logTail());
			}
		}
	}

}
