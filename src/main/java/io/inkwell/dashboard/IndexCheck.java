package io.inkwell.dashboard;

import java.util.List;
import java.util.stream.Collectors;

import io.inkwell.dashboard.IndexesCard.IndexUsage;
import io.inkwell.dashboard.IndexesCard.TableScans;
import io.inkwell.db.DatabaseUrl;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The index usage card. Never red: index advice is not an outage. Amber when an index
 * that enforces no constraint was never scanned since the statistics were reset (it costs
 * every write and buys nothing — unless the workload that needs it has not run yet), or
 * when a table of at least {@value IndexesCard#SEQ_SCAN_MIN_ROWS} rows is read more often
 * by sequential scans than through indexes (a missing index); green otherwise.
 */
@Component
@Order(50)
class IndexCheck implements CardCheck {

	private final DashboardRepository repository;

	private final String schema;

	IndexCheck(DashboardRepository repository, DatabaseUrl url) {
		this.repository = repository;
		this.schema = url.schema();
	}

	@Override
	public String id() {
		return "indexes";
	}

	@Override
	public String title() {
		return "index usage";
	}

	@Override
	public Mono<IndexesCard> check() {
		return this.repository.statsSince()
			.flatMap((since) -> this.repository.indexUsage(this.schema)
				.collectList()
				.flatMap((indexes) -> this.repository.tableScans(this.schema).collectList().map((tables) -> {
					List<IndexUsage> unused = indexes.stream().filter(IndexUsage::unused).toList();
					List<TableScans> heavy = tables.stream().filter(TableScans::seqScanHeavy).toList();
					CardState state = (unused.isEmpty() && heavy.isEmpty()) ? CardState.GREEN : CardState.AMBER;
					StringBuilder reason = new StringBuilder();
					if (!unused.isEmpty()) {
						reason.append(unused.size())
							.append((unused.size() == 1) ? " index never used: " : " indexes never used: ")
							.append(unused.stream().map(IndexUsage::index).limit(4).collect(Collectors.joining(", ")))
							.append((unused.size() > 4) ? ", …" : "");
					}
					if (!heavy.isEmpty()) {
						reason.append(reason.isEmpty() ? "" : "; ")
							.append("mostly sequential scans on ")
							.append(heavy.stream().map(TableScans::table).collect(Collectors.joining(", ")));
					}
					if (reason.isEmpty()) {
						reason.append("all ")
							.append(indexes.size())
							.append(" indexes used; no large table read mostly by sequential scans");
					}
					return new IndexesCard(state, reason.toString(), since.orElse(null), indexes, unused, tables);
				})));
	}

}
