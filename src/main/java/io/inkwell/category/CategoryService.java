package io.inkwell.category;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.inkwell.db.Cursor;
import io.inkwell.db.Ids;
import io.inkwell.web.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Rules of the category feature. Every write is one statement, so none needs a transaction;
 * duplicate names are refused by {@code categories_name_key} (409 naming {@code name}).
 */
@Service
class CategoryService {

	/**
	 * Largest page, and the default: the table is small, so one request normally gets every
	 * category, and {@code nextCursor} still tells when it did not.
	 */
	static final int MAX_LIMIT = 1000;

	private final CategoryRepository categories;

	CategoryService(CategoryRepository categories) {
		this.categories = categories;
	}

	Mono<CategoryPage> page(String cursor, int limit) {
		String after = (cursor != null) ? decodeCursor(cursor) : null;
		// one row more than asked tells whether another page exists without a COUNT
		return this.categories.findPage(after, limit + 1).collectList().map((rows) -> {
			boolean more = rows.size() > limit;
			List<Category> page = more ? rows.subList(0, limit) : rows;
			String next = more ? encodeCursor(page.get(page.size() - 1).name()) : null;
			return new CategoryPage(page, next);
		});
	}

	Mono<Category> find(UUID id) {
		return this.categories.findById(id).switchIfEmpty(Mono.error(() -> ProblemException.notFound("category", id)));
	}

	Mono<Category> create(CategoryRequest request) {
		return this.categories.insert(Ids.next(), request.name());
	}

	Mono<Category> rename(UUID id, CategoryRequest request) {
		return this.categories.rename(id, request.name())
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("category", id)));
	}

	/** Hard delete: the category's links to posts go with it (ON DELETE CASCADE). */
	Mono<Void> delete(UUID id) {
		return this.categories.delete(id)
			.flatMap((deleted) -> deleted ? Mono.<Void>empty() : Mono.error(ProblemException.notFound("category", id)));
	}

	// names may hold the cursor's separator, so the key is encoded once more inside the cursor
	private static String encodeCursor(String name) {
		return Cursor.encode(List.of(Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(name.getBytes(StandardCharsets.UTF_8))));
	}

	private static String decodeCursor(String cursor) {
		try {
			String name = new String(Base64.getUrlDecoder().decode(Cursor.decode(cursor, 1).get(0)),
					StandardCharsets.UTF_8);
			if (!name.isEmpty()) {
				return name;
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through: the client gets one message whatever was wrong with it
		}
		throw ProblemException.invalidParameter("cursor", "is not a cursor this server issued");
	}

}
