package io.inkwell.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

import io.inkwell.db.Ids;
import io.inkwell.netty.Admission;
import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Overload by design: 2,000 concurrent keep-alive connections of closed-loop clients
 * against a pool of four database connections and a gate of 32 active requests. Every
 * request is answered with a 200 or a designed 503 (none lost, none a 500), the gate held
 * connections back instead of reading their requests, the database never saw more than
 * {@code connection_limit} connections of the application, and the server did not write a
 * log line per request. Timings are the benchmark's business
 * ({@code src/bench/overload.sh}), not this test's.
 */
@ExtendWith(OutputCaptureExtension.class)
class OverloadIntegrationTests {

	/** The start of a log event: a timestamp, or a structured (JSON) event. */
	private static final Pattern EVENT_START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T|\\{\"@timestamp\"");

	private static final int CONNECTIONS = 2000;

	private static final int REQUESTS = 3 * CONNECTIONS;

	private static final int CONNECTION_LIMIT = 4;

	private static final int MAX_ACTIVE = 32;

	static TestApp app;

	static UUID userId;

	@BeforeAll
	static void start() throws SQLException {
		app = TestApp.start(TestDatabase.get().url(), "connection_limit=" + CONNECTION_LIMIT + "&pool_timeout=30",
				"--inkwell.http.max-active-requests=" + MAX_ACTIVE);
		userId = Ids.next();
		try (Connection connection = TestDatabase.get().connect();
				PreparedStatement insert = connection
					.prepareStatement("INSERT INTO users (id, email, name) VALUES (?, ?, 'Overload')")) {
			insert.setObject(1, userId);
			insert.setString(2, "overload-" + userId + "@test.example");
			insert.executeUpdate();
		}
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void answersEveryRequestOfTwoThousandConnectionsWithinTheConnectionLimitAndWithoutALogLinePerRequest(
			CapturedOutput output) throws Exception {
		ConnectionProvider connections = ConnectionProvider.builder("overload-test")
			.maxConnections(CONNECTIONS)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofMinutes(2))
			.build();
		LoopResources loops = LoopResources.create("overload-client", 2, true);
		HttpClient client = HttpClient.create(connections)
			.runOn(loops)
			.baseUrl(app.baseUrl())
			.responseTimeout(Duration.ofMinutes(2));
		Admission admission = app.context().getBean(Admission.class);
		DatabaseConnections database = new DatabaseConnections(app.applicationName(), admission::active);
		int charsBefore = output.getAll().length();
		List<Answer> answers;
		try {
			database.start();
			answers = Flux.range(0, REQUESTS)
				.flatMap(
						(i) -> client.get()
							.uri("/api/users/" + userId)
							.responseSingle((response, body) -> body.asString()
								.defaultIfEmpty("")
								.map((text) -> new Answer(response.status().code(),
										String.valueOf(response.responseHeaders().get("Content-Type")), text))),
						CONNECTIONS)
				.collectList()
				.block(Duration.ofMinutes(5));
		}
		finally {
			database.stop();
			connections.disposeLater().block(Duration.ofSeconds(10));
			loops.disposeLater().block(Duration.ofSeconds(10));
		}
		List<String> linesDuring = serverLines(output.getAll().substring(charsBefore));

		assertThat(answers).hasSize(REQUESTS);
		assertThat(answers).allSatisfy((answer) -> {
			if (answer.status() == 503) {
				assertThat(answer.contentType()).isEqualTo("application/problem+json");
				assertThat(answer.body()).contains("urn:inkwell:problem:unavailable");
			}
			else {
				assertThat(answer.status()).isEqualTo(200);
				assertThat(answer.body()).contains(userId.toString());
			}
		});
		assertThat(admission.parks()).as("connections held back by the gate").isPositive();
		assertThat(admission.active()).isZero();
		// the bound is soft (a place handed out by a read whose request arrives after the
		// grace period is counted twice), so only its order of magnitude is asserted: a
		// burst of new connections once took it to nearly every connection
		assertThat(database.maxActive()).as("requests active at once, gate of %d", MAX_ACTIVE)
			.isLessThan(CONNECTIONS / 4);
		assertThat(database.max()).as("database connections of the application")
			.isPositive()
			.isLessThanOrEqualTo(CONNECTION_LIMIT);
		assertThat(linesDuring.size())
			.as("log lines written while serving %d requests:%n%s", REQUESTS, String.join("\n", linesDuring))
			.isLessThan(20);
	}

	/**
	 * The lines written, without Netty's leak reports: those come when the garbage
	 * collector finds a buffer that some earlier test in this JVM dropped (a report with
	 * its allocation trace, about 65 lines), at whatever moment the collector runs, and
	 * say nothing about how this load was logged.
	 */
	static List<String> serverLines(String text) {
		List<String> lines = new ArrayList<>();
		boolean inLeakReport = false;
		for (String line : text.split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			boolean event = EVENT_START.matcher(line).lookingAt();
			if (event) {
				inLeakReport = line.contains("io.netty.util.ResourceLeakDetector");
			}
			if (!inLeakReport) {
				lines.add(line);
			}
		}
		return lines;
	}

	record Answer(int status, String contentType, String body) {
	}

	/**
	 * Samples the application's backends in pg_stat_activity, and the requests the gate
	 * counts as active, every 20 ms while the load runs.
	 */
	static final class DatabaseConnections {

		private final String applicationName;

		private final AtomicInteger max = new AtomicInteger();

		private final IntSupplier active;

		private final AtomicInteger maxActive = new AtomicInteger();

		private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

		private Connection connection;

		DatabaseConnections(String applicationName, IntSupplier active) {
			this.applicationName = applicationName;
			this.active = active;
		}

		void start() throws SQLException {
			this.connection = TestDatabase.get().connect();
			PreparedStatement count = this.connection
				.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?");
			count.setString(1, this.applicationName);
			this.sampler.scheduleAtFixedRate(() -> {
				this.maxActive.accumulateAndGet(this.active.getAsInt(), Math::max);
				try (ResultSet rows = count.executeQuery()) {
					rows.next();
					this.max.accumulateAndGet(rows.getInt(1), Math::max);
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}, 0, 20, TimeUnit.MILLISECONDS);
		}

		void stop() throws Exception {
			this.sampler.shutdown();
			this.sampler.awaitTermination(10, TimeUnit.SECONDS);
			this.connection.close();
		}

		int max() {
			return this.max.get();
		}

		int maxActive() {
			return this.maxActive.get();
		}

	}

}
