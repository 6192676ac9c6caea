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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ExportRepositoryIntegrationTests {

	@Autowired
	ConnectionPool pool;

	/**
	 * Every {@code Statement.fetchSize(n)} the repository makes, through a proxy over the
	 * pool.
	 */
	final List<Object> fetchSizes = new CopyOnWriteArrayList<>();

	ExportRepository repository;

	UUID author;

	UUID published;

	UUID draft;

	UUID archived;

	@BeforeEach
	void repositoryOverARecordingProxy() throws SQLException {
		ProxyConnectionFactory.Builder proxy = ProxyConnectionFactory.builder(this.pool).onBeforeMethod((method) -> {
			if (method.getMethod().getName().equals("fetchSize")) {
				this.fetchSizes.add(method.getMethodArgs()[0]);
			}
		});
		this.repository = new ExportRepository(DatabaseClient.create(proxy.build()));
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
	void fetchesRowsInChunksOfTheFetchSize() {
		List<ExportedPost> posts = this.repository.streamLive(null, this.author, true)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(posts).hasSize(3);
		// without a fetch size the driver would ask PostgreSQL for all rows in one go
		assertThat(this.fetchSizes).containsExactly(ExportRepository.FETCH_SIZE);
	}

	@Test
	void readsLivePostsMatchingBothFiltersInIdOrder() {
		assertThat(ids(null)).containsExactly(this.published, this.draft, this.archived);
		assertThat(ids(PostStatus.DRAFT)).containsExactly(this.draft);
		assertThat(ids(PostStatus.ARCHIVED)).containsExactly(this.archived);
		assertThat(this.repository.streamLive(PostStatus.PUBLISHED, UUID.randomUUID(), true)
			.collectList()
			.block(Duration.ofSeconds(30))).isEmpty();
	}

	private List<UUID> ids(PostStatus status) {
		return this.repository.streamLive(status, this.author, true)
			.map(ExportedPost::id)
			.collectList()
			.block(Duration.ofSeconds(30));
	}

}
