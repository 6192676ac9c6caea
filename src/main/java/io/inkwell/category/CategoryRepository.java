package io.inkwell.category;

import java.time.Instant;
import java.util.UUID;

import io.inkwell.web.IfMatch;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/** All SQL on {@code categories}. */
@Repository
class CategoryRepository {

	private static final String COLUMNS = "id, name, created_at, updated_at";

	// categories_name_key's index serves the order and the keyset (names are unique)
	private static final String FIND_PAGE = """
			/* CategoryRepository.findPage */ SELECT %s FROM categories ORDER BY name LIMIT :limit
			""".formatted(COLUMNS);

	private static final String FIND_PAGE_AFTER = """
			/* CategoryRepository.findPageAfter */ SELECT %s FROM categories WHERE name > :after ORDER BY name LIMIT :limit
			"""
		.formatted(COLUMNS);

	private static final String FIND_BY_ID = """
			/* CategoryRepository.findById */ SELECT %s FROM categories WHERE id = :id
			""".formatted(COLUMNS);

	private static final String INSERT = """
			/* CategoryRepository.insert */ INSERT INTO categories (id, name) VALUES (:id, :name)
			RETURNING %s
			""".formatted(COLUMNS);

	private static final String RENAME = """
			/* CategoryRepository.rename */ UPDATE categories SET name = :name, updated_at = now() WHERE id = :id
			  AND (CAST(:ifMatch AS timestamptz[]) IS NULL OR updated_at = ANY(CAST(:ifMatch AS timestamptz[])))
			RETURNING %s
			""".formatted(COLUMNS);

	private static final String DELETE = """
			/* CategoryRepository.delete */ DELETE FROM categories WHERE id = :id
			  AND (CAST(:ifMatch AS timestamptz[]) IS NULL OR updated_at = ANY(CAST(:ifMatch AS timestamptz[])))
			""";

	private final DatabaseClient db;

	CategoryRepository(DatabaseClient db) {
		this.db = db;
	}

	Flux<Category> findPage(String after, int limit) {
		GenericExecuteSpec spec = (after != null) ? this.db.sql(FIND_PAGE_AFTER).bind("after", after)
				: this.db.sql(FIND_PAGE);
		return spec.bind("limit", limit).map(CategoryRepository::toCategory).all();
	}

	Mono<Category> findById(UUID id) {
		return this.db.sql(FIND_BY_ID).bind("id", id).map(CategoryRepository::toCategory).one();
	}

	Mono<Category> insert(UUID id, String name) {
		return this.db.sql(INSERT).bind("id", id).bind("name", name).map(CategoryRepository::toCategory).one();
	}

	Mono<Category> rename(UUID id, String name, IfMatch ifMatch) {
		return ifMatch.bind(this.db.sql(RENAME).bind("id", id).bind("name", name))
			.map(CategoryRepository::toCategory)
			.one();
	}

	Mono<Boolean> delete(UUID id, IfMatch ifMatch) {
		return ifMatch.bind(this.db.sql(DELETE).bind("id", id)).fetch().rowsUpdated().map((rows) -> rows > 0);
	}

	private static Category toCategory(Readable row) {
		return new Category(row.get("id", UUID.class), row.get("name", String.class),
				row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
	}

}
