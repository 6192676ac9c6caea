package io.inkwell.post;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Tokens;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export against 200,000 posts of one author: memory stays flat, a client that goes
 * away frees its connection, and exports cannot take the whole pool. The posts are
 * ARCHIVED, dated 2000 and deleted after the class, so other tests' lists never see them.
 */
@IntegrationTest
class ExportStreamingIntegrationTests {

	static final int POSTS = 200_000;

	static UUID author;

	@LocalServerPort
	int port;

	@Autowired
	ConnectionPool pool;

	@Autowired
	WebTestClient client;

	@Autowired
	Tokens tokens;

	// an ADMIN exports every status and may list users: the streaming is under test, not
	// who may
	@BeforeEach
	void authenticateAsAdmin() {
		this.client = this.client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, this.tokens.admin()).build();
	}

	@BeforeAll
	static void manyPosts() throws SQLException {
		author = ExportFixtures.author();
		ExportFixtures.bulkPosts(author, POSTS);
	}

	@AfterAll
	static void removePosts() throws SQLException {
		ExportFixtures.deleteAuthor(author);
	}

	@Test
	void streamsTwoHundredThousandPostsWithAFlatHeap() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long before = usedHeapAfterGc(memory);
		long peak = before;
		int lines = 0;
		long started = System.nanoTime();
		// the test thread reads 256 lines at a time, and collects garbage every 20,000
		// lines: a slow reader
		try (Stream<String> export = export().toStream(256)) {
			Iterator<String> it = export.iterator();
			while (it.hasNext()) {
				String line = it.next();
				if (lines == 0) {
					assertThat(line).startsWith("{\"id\":\"");
				}
				lines++;
				if (lines % 20_000 == 0) {
					peak = Math.max(peak, usedHeapAfterGc(memory));
				}
			}
		}
		long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
		long growth = peak - before;
		System.out.printf("export-memory: %d lines in ~%d s; used heap after GC before %.1f MB, peak while"
				+ " streaming %.1f MB, growth %.1f MB%n", lines, seconds, mb(before), mb(peak), mb(growth));
		assertThat(lines).isEqualTo(POSTS);
		// streaming measures well under 1 MB; collecting the rows first measured ~49 MB
		// on the same test
		assertThat(growth).as("heap growth while streaming, in bytes").isLessThan(16L * 1024 * 1024);
	}

	@Test
	void givesTheConnectionBackWhenTheClientGoesAwayMidStream() throws Exception {
		await(() -> acquired() == 0, "pool idle before the test");
		try (Stream<String> export = export().toStream(16)) {
			Iterator<String> it = export.iterator();
			for (int i = 0; i < 100; i++) {
				assertThat(it.next()).startsWith("{\"id\":\"");
			}
			// the database is still producing: the export holds its connection and its
			// cursor's transaction is open
			assertThat(acquired()).isEqualTo(1);
			assertThat(exportQueriesRunning()).isEqualTo(1);
		}
		// closing the stream cancels the response: the client drops the connection
		// mid-body
		await(() -> acquired() == 0, "connection back in the pool");
		await(() -> exportQueriesRunning() == 0, "export query ended in the database");
		everyPooledConnectionWorks();
	}

	@Test
	void refusesMoreExportsThanHalfThePoolWith503() throws Exception {
		int limit = this.pool.getMetrics().orElseThrow().getMaxAllocatedSize() / 2;
		List<Stream<String>> running = new ArrayList<>();
		try {
			for (int i = 0; i < limit; i++) {
				Stream<String> export = export().toStream(16);
				running.add(export);
				assertThat(export.iterator().next()).startsWith("{\"id\":\"");
			}
			this.client.get()
				.uri("/api/posts/export?authorId={author}", author)
				.accept(MediaType.APPLICATION_NDJSON)
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.exists("Retry-After")
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:inkwell:problem:unavailable");
			// the rest of the API still has connections
			this.client.get().uri("/api/users?limit=1").exchange().expectStatus().isOk();
		}
		finally {
			running.forEach(Stream::close);
		}
		await(() -> acquired() == 0, "connections back in the pool");
		try (Stream<String> export = export().toStream(16)) {
			assertThat(export.iterator().next()).startsWith("{\"id\":\"");
		}
	}

	/**
	 * The NDJSON export of the bulk author, line by line, as a real HTTP client reads it.
	 * Lines are handed over off the client's event loop: the blocking iterator the test
	 * thread reads from takes a lock that event-loop threads must not wait for.
	 */
	private Flux<String> export() {
		return WebClient.create("http://localhost:" + this.port)
			.get()
			.uri("/api/posts/export?authorId={author}", author)
			.header(HttpHeaders.AUTHORIZATION, this.tokens.admin())
			.accept(MediaType.APPLICATION_NDJSON)
			.retrieve()
			.bodyToFlux(String.class)
			.publishOn(Schedulers.boundedElastic(), 64);
	}

	private int acquired() {
		return this.pool.getMetrics().orElseThrow().acquiredSize();
	}

	private static long exportQueriesRunning() throws SQLException {
		return ExportFixtures.queryLong("""
				SELECT count(*) FROM pg_stat_activity
				WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
				  AND query LIKE '%ExportRepository.fetchLive%'
				""");
	}

	/** Takes every connection the pool may hold at once and runs a query on each. */
	private void everyPooledConnectionWorks() {
		int size = this.pool.getMetrics().orElseThrow().getMaxAllocatedSize();
		List<Connection> connections = Flux.range(0, size)
			.flatMap((i) -> this.pool.create(), size)
			.collectList()
			.block(Duration.ofSeconds(30));
		try {
			assertThat(connections).hasSize(size);
			List<Integer> answers = Flux.fromIterable(connections)
				.flatMap((connection) -> Flux.from(connection.createStatement("SELECT 1").execute())
					.flatMap((result) -> result.map((row, metadata) -> row.get(0, Integer.class))))
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(answers).hasSize(size).containsOnly(1);
		}
		finally {
			Flux.fromIterable(connections).flatMap(Connection::close).then().block(Duration.ofSeconds(30));
		}
	}

	private static void await(ThrowingCondition condition, String what) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.holds()) {
			assertThat(System.nanoTime()).as("waited 10 s for: %s", what).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private static long usedHeapAfterGc(MemoryMXBean memory) {
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static double mb(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

	@FunctionalInterface
	private interface ThrowingCondition {

		boolean holds() throws Exception;

	}

}
