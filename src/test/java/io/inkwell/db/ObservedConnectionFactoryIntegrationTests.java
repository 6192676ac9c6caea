package io.inkwell.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.inkwell.db.StatementListener.ExecutedStatement;
import io.inkwell.ops.RequestIdFilter;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The statement listener decorator on a real connection: a statement's time covers
 * reading its rows (the driver emits the result before they arrive), each statement is
 * reported once, also when its reader cancels half-way, and the caller's Reactor context
 * reaches the listener. A connection whose statement was cancelled goes back to the pool
 * only once the statement is over.
 */
@IntegrationTest
class ObservedConnectionFactoryIntegrationTests {

	@Autowired
	ConnectionPool pool;

	final List<ExecutedStatement> seen = new CopyOnWriteArrayList<>();

	DatabaseClient db;

	@BeforeEach
	void observedClient() {
		this.db = DatabaseClient.create(new ObservedConnectionFactory(this.pool, List.of(this.seen::add)));
	}

	@Test
	void timesAStatementUntilItsLastRowIsRead() {
		List<Integer> rows = this.db.sql(
				"/* Test.rows */ SELECT g, CASE WHEN g = 3 THEN pg_sleep(0.2) END AS slept FROM generate_series(1, 3) g")
			.map((row) -> row.get("g", Integer.class))
			.all()
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(rows).containsExactly(1, 2, 3);
		assertThat(this.seen).singleElement().satisfies((statement) -> {
			assertThat(statement.sql()).startsWith("/* Test.rows */");
			assertThat(statement.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		});
	}

	@Test
	void timesAStatementUntilItsCountIsRead() {
		Long updated = this.db.sql("/* Test.count */ SELECT pg_sleep(0.2)")
			.fetch()
			.rowsUpdated()
			.block(Duration.ofSeconds(10));
		assertThat(updated).isNotNull();
		assertThat(this.seen).singleElement()
			.satisfies((statement) -> assertThat(statement.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(200)));
	}

	@Test
	void passesTheCallersContextToTheListener() {
		this.db.sql("/* Test.context */ SELECT 1")
			.fetch()
			.one()
			.contextWrite(Context.of(RequestIdFilter.KEY, "req-observed"))
			.block(Duration.ofSeconds(10));
		assertThat(this.seen).singleElement()
			.satisfies((statement) -> assertThat(statement.context().getOrDefault(RequestIdFilter.KEY, "none"))
				.isEqualTo("req-observed"));
	}

	@Test
	void reportsACancelledStatementOnceAndKeepsTheConnectionUsable() {
		List<Integer> firstRows = this.db.sql("SELECT g FROM generate_series(1, 200000) g")
			.map((row) -> row.get("g", Integer.class))
			.all()
			.take(5)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(firstRows).containsExactly(1, 2, 3, 4, 5);
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.seen.isEmpty());
		assertThat(this.db.sql("SELECT 42 AS answer").map((row) -> row.get("answer", Integer.class)).one().block())
			.isEqualTo(42);
		assertThat(this.seen).hasSize(2);
		assertThat(this.seen.get(0).sql()).contains("generate_series");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.pool.getMetrics().orElseThrow().acquiredSize() == 0);
	}

	@Test
	void aConnectionWithACancelledStatementGoesBackOnlyOnceThatStatementIsOver() throws Exception {
		ObservedConnectionFactory factory = new ObservedConnectionFactory(this.pool, List.of());
		Connection connection = Mono.from(factory.create()).block(Duration.ofSeconds(10));
		try {
			Integer backend = Flux.from(connection.createStatement("SELECT pg_backend_pid() AS pid").execute())
				.flatMap((result) -> result.map((row) -> row.get("pid", Integer.class)))
				.blockLast(Duration.ofSeconds(10));
			// the caller gives up 100 ms into a 700 ms statement; the driver lets it run
			// to its end
			Flux.from(connection.createStatement("/* Test.cancelled */ SELECT pg_sleep(0.7)").execute())
				.flatMap(Result::getRowsUpdated)
				.take(Duration.ofMillis(100))
				.blockLast(Duration.ofSeconds(10));
			assertThat(backendState(backend)).as("right after the cancel").isEqualTo("active");

			ObservedConnectionFactory.drainCancelled(connection).block(Duration.ofSeconds(10));
			assertThat(backendState(backend)).as("once drained").isEqualTo("idle");
			// drained once: the next release needs no round trip
			assertThat(ObservedConnectionFactory.drainCancelled(connection)).isSameAs(Mono.empty());
		}
		finally {
			Mono.from(connection.close()).block(Duration.ofSeconds(10));
		}
	}

	@Test
	void aConnectionWhoseStatementsRanToTheirEndGoesBackAtOnce() {
		ObservedConnectionFactory factory = new ObservedConnectionFactory(this.pool, List.of());
		Connection connection = Mono.from(factory.create()).block(Duration.ofSeconds(10));
		try {
			Long count = Flux.from(connection.createStatement("SELECT g FROM generate_series(1, 3) g").execute())
				.flatMap(Result::getRowsUpdated)
				.blockLast(Duration.ofSeconds(10));
			assertThat(count).isEqualTo(3);
			assertThat(ObservedConnectionFactory.drainCancelled(connection)).isSameAs(Mono.empty());
		}
		finally {
			Mono.from(connection.close()).block(Duration.ofSeconds(10));
		}
	}

	private static String backendState(int pid) throws SQLException {
		try (java.sql.Connection jdbc = TestDatabase.get().connect();
				PreparedStatement statement = jdbc
					.prepareStatement("SELECT state FROM pg_stat_activity WHERE pid = ?")) {
			statement.setInt(1, pid);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : "gone";
			}
		}
	}

}
