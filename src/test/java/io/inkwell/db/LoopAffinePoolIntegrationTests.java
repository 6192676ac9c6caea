package io.inkwell.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two event loops, four connections: two per loop. An acquire made on a loop gets a connection
 * of that loop while it has one; then one of the other loop; when all four are taken it waits
 * {@code pool_timeout} and fails. The budget is never exceeded.
 */
class LoopAffinePoolIntegrationTests {

	static TestApp app;

	static LoopAffinePool pool;

	static EventLoops loops;

	final List<Connection> held = new ArrayList<>();

	@BeforeAll
	static void start() {
		app = TestApp.start(TestDatabase.get().url(), "connection_limit=4&pool_timeout=1", "--inkwell.db.event-loops=2");
		pool = app.pool();
		loops = app.context().getBean(EventLoops.class);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@AfterEach
	void release() {
		Flux.fromIterable(this.held).concatMap(Connection::close).blockLast(Duration.ofSeconds(10));
		this.held.clear();
	}

	@Test
	void splitsTheConnectionLimitOverOnePartitionPerLoop() {
		assertThat(loops.size()).isEqualTo(2);
		assertThat(pool.partitions()).extracting((partition) -> partition.getMetrics().orElseThrow().getMaxAllocatedSize())
			.containsExactly(2, 2);
		assertThat(pool.getMetrics().orElseThrow().getMaxAllocatedSize()).isEqualTo(4);
	}

	@Test
	void givesAnAcquireOnALoopAConnectionOfThatLoop() {
		takeOn(1);
		assertThat(acquiredPerPartition()).containsExactly(0, 1);
		takeOn(0);
		assertThat(acquiredPerPartition()).containsExactly(1, 1);
	}

	@Test
	void borrowsFromTheOtherPartitionWhenItsOwnIsTaken() {
		takeOn(0);
		takeOn(0);
		assertThat(acquiredPerPartition()).containsExactly(2, 0);
		takeOn(0);
		assertThat(acquiredPerPartition()).containsExactly(2, 1);
	}

	@Test
	void spreadsAcquiresFromOtherThreadsOverThePartitions() {
		this.held.add(pool.create().block(Duration.ofSeconds(10)));
		this.held.add(pool.create().block(Duration.ofSeconds(10)));
		assertThat(acquiredPerPartition()).containsExactly(1, 1);
	}

	@Test
	void waitsPoolTimeoutWhenEveryConnectionIsTakenAndNeverOpensMore() {
		for (int i = 0; i < 4; i++) {
			takeOn(i % 2);
		}
		assertThat(pool.getMetrics().orElseThrow().acquiredSize()).isEqualTo(4);
		assertThatThrownBy(() -> takeOn(0)).hasCauseInstanceOf(R2dbcTimeoutException.class);
		assertThat(pool.getMetrics().orElseThrow().allocatedSize()).isEqualTo(4);
	}

	@Test
	void sumsThePartitionsFigures() {
		takeOn(0);
		takeOn(1);
		takeOn(1);
		assertThat(pool.getMetrics().orElseThrow().acquiredSize()).isEqualTo(3);
		assertThat(pool.getMetrics().orElseThrow().allocatedSize())
			.isEqualTo(pool.partitions().stream().mapToInt((p) -> p.getMetrics().orElseThrow().allocatedSize()).sum());
	}

	/** Takes a connection from a task running on event loop {@code loop} and keeps it. */
	private void takeOn(int loop) {
		Connection connection = Mono.defer(pool::create)
			.subscribeOn(Schedulers.fromExecutor(loops.get(loop)))
			.toFuture()
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
		this.held.add(connection);
	}

	private List<Integer> acquiredPerPartition() {
		return pool.partitions().stream().map(ConnectionPool::getMetrics).map((m) -> m.orElseThrow().acquiredSize()).toList();
	}

}
