package io.inkwell.db;

import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The partitions' shares of a budget differ by one at most and add up to the budget exactly. */
class LoopAffinePoolTests {

	@ParameterizedTest
	@CsvSource({ "10, 2", "10, 3", "10, 10", "1, 1", "7, 4", "1000, 16", "3, 2" })
	void sharesAddUpToTheBudgetAndDifferByOneAtMost(int total, int partitions) {
		int[] shares = IntStream.range(0, partitions).map((i) -> LoopAffinePool.share(total, partitions, i)).toArray();
		assertThat(IntStream.of(shares).sum()).isEqualTo(total);
		assertThat(IntStream.of(shares).max().getAsInt() - IntStream.of(shares).min().getAsInt()).isLessThanOrEqualTo(1);
		assertThat(IntStream.of(shares).min().getAsInt()).isPositive();
	}

}
