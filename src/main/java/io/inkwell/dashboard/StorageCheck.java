package io.inkwell.dashboard;

import java.util.List;

import io.inkwell.dashboard.StorageCard.TableStorage;
import io.inkwell.db.DatabaseUrl;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The table size card. Thresholds on dead rows (what vacuum has not reclaimed yet): red
 * when a table has at least {@value #RED_DEAD_ROWS} dead rows making up half of it or
 * more, amber at {@value #AMBER_DEAD_ROWS} dead rows and a fifth; green otherwise. Small
 * tables never count: autovacuum leaves them alone on purpose until they pass its own
 * threshold.
 */
@Component
@Order(60)
class StorageCheck implements CardCheck {

	static final long AMBER_DEAD_ROWS = 1_000;

	static final long RED_DEAD_ROWS = 10_000;

	private final DashboardRepository repository;

	private final String schema;

	StorageCheck(DashboardRepository repository, DatabaseUrl url) {
		this.repository = repository;
		this.schema = url.schema();
	}

	@Override
	public String id() {
		return "storage";
	}

	@Override
	public String title() {
		return "table sizes";
	}

	@Override
	public Mono<StorageCard> check() {
		return this.repository.databaseSize()
			.flatMap((size) -> this.repository.tableStorage(this.schema).collectList().map((tables) -> {
				List<TableStorage> red = tables.stream()
					.filter((t) -> t.deadRows() >= RED_DEAD_ROWS && t.deadRatio() >= 0.5)
					.toList();
				List<TableStorage> amber = tables.stream()
					.filter((t) -> t.deadRows() >= AMBER_DEAD_ROWS && t.deadRatio() >= 0.2)
					.toList();
				long live = tables.stream().mapToLong(TableStorage::liveRows).sum();
				if (!red.isEmpty()) {
					return new StorageCard(CardState.RED, bloat(red) + ": vacuum is far behind", size, tables);
				}
				if (!amber.isEmpty()) {
					return new StorageCard(CardState.AMBER, bloat(amber) + ": vacuum is behind", size, tables);
				}
				return new StorageCard(CardState.GREEN, Words.count(tables.size(), "table", "tables") + ", about "
						+ live + " live rows, " + bytes(size) + " in all; dead rows under control", size, tables);
			}));
	}

	private static String bloat(List<TableStorage> tables) {
		TableStorage worst = tables.get(0);
		for (TableStorage table : tables) {
			if (table.deadRatio() > worst.deadRatio()) {
				worst = table;
			}
		}
		return tables.size() + ((tables.size() == 1) ? " table has" : " tables have") + " many dead rows ("
				+ worst.table() + ": " + worst.deadRows() + " dead, " + Math.round(worst.deadRatio() * 100) + " %)";
	}

	static String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		String[] units = { "kB", "MB", "GB", "TB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return ((value >= 10) ? Long.toString(Math.round(value)) : String.format(java.util.Locale.ROOT, "%.1f", value))
				+ " " + units[unit];
	}

}
