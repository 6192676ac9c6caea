package io.inkwell.category;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.inkwell.audit.AuditLog;
import io.inkwell.db.Cursor;
import io.inkwell.db.Ids;
import io.inkwell.security.Actor;
import io.inkwell.web.IfMatch;
import io.inkwell.web.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Rules of the category feature. Every write but the delete is one statement, so needs no
 * transaction; duplicate names are refused by {@code categories_name_key} (409 naming
 * {@code name}). Writes are ADMIN-only (the route table); a delete is audited.
 */
@Service
class CategoryService {

	/**
	 * Largest page, and the default: the table is small, so one request normally gets
	 * every category, and {@code nextCursor} still tells when it did not.
	 */
	static final int MAX_LIMIT = 1000;

	private final CategoryRepository categories;

	private final TransactionalOperator transactional;

	private final AuditLog audit;

	CategoryService(CategoryRepository categories, TransactionalOperator transactional, AuditLog audit) {
		this.categories = categories;
		this.transactional = transactional;
		this.audit = audit;
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

	Mono<Category> rename(UUID id, CategoryRequest request, IfMatch ifMatch) {
		return this.categories.rename(id, request.name(), ifMatch)
			.switchIfEmpty(Mono.defer(() -> missing(ifMatch, id)));
	}

	/**
	 * Hard delete: the category's links to posts go with it (ON DELETE CASCADE); the
	 * audit entry is written in the same transaction.
	 */
	Mono<Void> delete(Actor actor, UUID id, IfMatch ifMatch) {
		Mono<Void> deleted = this.categories.delete(id, ifMatch)
			.flatMap((found) -> found ? this.audit.record(actor.id(), AuditLog.CATEGORY_DELETE, id)
					: missing(ifMatch, id).then());
		return deleted.as(this.transactional::transactional);
	}

	/**
	 * The answer to a write that found no category: 412 when it was conditional and the
	 * category is there, else 404.
	 */
	private Mono<Category> missing(IfMatch ifMatch, UUID id) {
		ProblemException notFound = ProblemException.notFound("category", id);
		return ifMatch.conditional() ? ifMatch.failed(this.categories.findById(id).hasElement(), notFound)
				: Mono.error(notFound);
	}

	// names may hold the cursor's separator, so the key is encoded once more inside the
	// cursor
	private static String encodeCursor(String name) {
		return Cursor.encode(
				List.of(Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8))));
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
