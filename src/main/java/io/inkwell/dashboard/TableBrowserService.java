package io.inkwell.dashboard;

import java.util.List;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.web.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The read-only data browser: the tables of the application's schema, read from the
 * catalog on every request, and pages of {@value #PAGE_SIZE} rows of one of them. A table
 * name from the client must equal a catalog name exactly; anything else is a 404.
 */
@Service
class TableBrowserService {

	static final int PAGE_SIZE = 50;

	private final TableBrowserRepository repository;

	private final String schema;

	TableBrowserService(TableBrowserRepository repository, DatabaseUrl url) {
		this.repository = repository;
		this.schema = url.schema();
	}

	Mono<TableList> tables() {
		return this.repository.tables(this.schema).map((tables) -> new TableList(tables, null));
	}

	Mono<TablePage> page(String name, int page) {
		return this.repository.tables(this.schema)
			.flatMap((tables) -> Mono.justOrEmpty(tables.stream().filter((t) -> t.name().equals(name)).findFirst()))
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("table", name)))
			.flatMap((table) -> {
				long offset = (long) (page - 1) * PAGE_SIZE;
				// one row more than a page tells whether another page follows
				return this.repository.page(this.schema, table, offset, PAGE_SIZE + 1).collectList().map((rows) -> {
					boolean more = rows.size() > PAGE_SIZE;
					int deletedAt = deletedAtIndex(table);
					List<TablePage.Row> shown = rows.stream()
						.limit(PAGE_SIZE)
						.map((values) -> new TablePage.Row(deletedAt >= 0 && values.get(deletedAt) != null, values))
						.toList();
					return new TablePage(table.name(), table.columns(), page, PAGE_SIZE, more, table.estimatedRows(),
							table.softDelete(), shown);
				});
			});
	}

	private static int deletedAtIndex(TableSummary table) {
		for (int i = 0; i < table.columns().size(); i++) {
			if (table.columns().get(i).name().equals("deleted_at")) {
				return i;
			}
		}
		return -1;
	}

}
