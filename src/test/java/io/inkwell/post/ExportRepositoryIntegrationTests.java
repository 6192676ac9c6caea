package io.inkwell.post;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.inkwell.support.IntegrationTest;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@IntegrationTest
class ExportRepositoryIntegrationTests {

	@Autowired
	ConnectionPool pool;

	/** The SQL of every statement the repository runs, through a proxy over the pool. */
	final List<String> statements = new CopyOnWriteArrayList<>();

	ExportRepository repository;

	/** The cursor lives in a transaction, as the export's service runs it. */
	TransactionalOperator transactional;

	UUID author;

	UUID published;

	UUID draft;

	UUID archived;

	@BeforeEach
	void repositoryOverARecordingProxy() throws SQLException {
		ProxyConnectionFactory.Builder proxy = ProxyConnectionFactory.builder(this.pool).onBeforeMethod((method) -> {
			if (method.getMethod().getName().equals("createStatement")) {
				this.statements.add((String) method.getMethodArgs()[0]);
			}
		});
		ConnectionFactory connections = proxy.build();
		this.repository = new ExportRepository(DatabaseClient.create(connections));
		this.transactional = TransactionalOperator.create(new R2dbcTransactionManager(connections));
		this.author = ExportFixtures.author();
		this.published = ExportFixtures.post(this.author, "Published", "PUBLISHED", Instant.now(), false);
		this.draft = ExportFixtures.post(this.author, "Draft", "DRAFT", null, false);
		this.archived = ExportFixtures.post(this.author, "Archived", "ARCHIVED", null, false);
		ExportFixtures.post(this.author, "Deleted", "DRAFT", null, true);
	}

	@AfterEach
	void removePosts() throws SQLException {
		ExportFixtures.deleteAuthor(this.author);
	}

	@Test
	void fetchesRowsInChunksOfTheFetchSize() throws SQLException {
		UUID bulkAuthor = ExportFixtures.author();
		try {
			ExportFixtures.bulkPosts(bulkAuthor, 2 * ExportRepository.FETCH_SIZE + 1);
			List<ExportedPost> posts = this.repository.streamLive(null, bulkAuthor, true)
				.as(this.transactional::transactional)
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(posts).hasSize(2 * ExportRepository.FETCH_SIZE + 1);
			assertThat(posts).extracting(ExportedPost::id).isSorted();
			// one cursor, then full chunks until a short one: no FETCH after the last
			// row
			assertThat(this.statements).filteredOn((sql) -> sql.contains("DECLARE")).hasSize(1);
			assertThat(this.statements)
				.filteredOn((sql) -> sql.contains("FETCH FORWARD " + ExportRepository.FETCH_SIZE))
				.hasSize(3);
		}
		finally {
			ExportFixtures.deleteAuthor(bulkAuthor);
		}
	}

	@Test
	void needsTheCallersTransactionForItsCursor() {
		assertThatExceptionOfType(Exception.class).isThrownBy(
				() -> this.repository.streamLive(null, this.author, true).collectList().block(Duration.ofSeconds(30)))
			.withMessageContaining("DECLARE CURSOR can only be used in transaction blocks");
	}

	@Test
	void readsLivePostsMatchingBothFiltersInIdOrder() {
		assertThat(ids(null)).containsExactly(this.published, this.draft, this.archived);
		assertThat(ids(PostStatus.DRAFT)).containsExactly(this.draft);
		assertThat(ids(PostStatus.ARCHIVED)).containsExactly(this.archived);
		assertThat(this.repository.streamLive(PostStatus.PUBLISHED, UUID.randomUUID(), true)
			.as(this.transactional::transactional)
			.collectList()
			.block(Duration.ofSeconds(30))).isEmpty();
	}

	private List<UUID> ids(PostStatus status) {
		return this.repository.streamLive(status, this.author, true)
			.as(this.transactional::transactional)
			.map(ExportedPost::id)
			.collectList()
			.block(Duration.ofSeconds(30));
	}

}
