package io.inkwell.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledLogTests {

	private final AtomicLong clock = new AtomicLong(1_000_000_000L);

	private final ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(ThrottledLogTests.class),
			Duration.ofSeconds(10), this.clock::get);

	private final List<String> lines = new ArrayList<>();

	@Test
	void logsTheFirstEventOfAKindAndCountsTheRestOfTheInterval() {
		for (int i = 0; i < 1000; i++) {
			this.log.warn("503", (skipped) -> this.lines.add("503" + skipped));
		}
		assertThat(this.lines).containsExactly("503");
		this.clock.addAndGet(Duration.ofSeconds(10).toNanos());
		this.log.warn("503", (skipped) -> this.lines.add("503" + skipped));
		assertThat(this.lines).containsExactly("503", "503 (999 more like it in the previous 10 s, not logged)");
	}

	@Test
	void throttlesEachKindOnItsOwn() {
		this.log.warn("UserRepository.findLiveById", (skipped) -> this.lines.add("a" + skipped));
		this.log.warn("PostRepository.findPage", (skipped) -> this.lines.add("b" + skipped));
		this.log.warn("UserRepository.findLiveById", (skipped) -> this.lines.add("a" + skipped));
		assertThat(this.lines).containsExactly("a", "b");
	}

}
