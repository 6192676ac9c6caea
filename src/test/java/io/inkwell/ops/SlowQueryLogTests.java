package io.inkwell.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.inkwell.ops.SlowQueryLog.SlowStatement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlowQueryLogTests {

	private final SlowQueryLog log = new SlowQueryLog(Duration.ofMillis(200), 3,
			Clock.fixed(Instant.parse("2026-05-02T12:00:00Z"), ZoneOffset.UTC));

	@Test
	void keepsTheNewestStatementsUpToItsCapacity() {
		for (int i = 1; i <= 5; i++) {
			this.log.record("/* Repo.q" + i + " */ SELECT 1", Duration.ofMillis(200 + i));
		}
		List<SlowStatement> recent = this.log.recent();
		assertThat(recent).extracting(SlowStatement::name).containsExactly("Repo.q5", "Repo.q4", "Repo.q3");
		assertThat(recent.get(0).durationMs()).isEqualTo(205.0);
	}

	@Test
	void foldsWhitespaceAndCutsLongStatements() {
		this.log.record("SELECT\n\t  a,\n  b FROM t WHERE x = $1 " + "-".repeat(2000), Duration.ofSeconds(1));
		SlowStatement statement = this.log.recent().get(0);
		assertThat(statement.name()).isEqualTo("unnamed");
		assertThat(statement.sql()).startsWith("SELECT a, b FROM t WHERE x = $1 ").endsWith("…");
		assertThat(statement.sql()).hasSize(SlowQueryLog.MAX_SQL + 1);
	}

}
