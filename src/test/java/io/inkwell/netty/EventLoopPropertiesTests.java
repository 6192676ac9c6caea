package io.inkwell.netty;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventLoopPropertiesTests {

	@Test
	void zeroMeansHalfTheCpusAndAtLeastOne() {
		assertThat(EventLoopProperties.resolve(0, 1)).isEqualTo(1);
		assertThat(EventLoopProperties.resolve(0, 2)).isEqualTo(1);
		assertThat(EventLoopProperties.resolve(0, 3)).isEqualTo(1);
		assertThat(EventLoopProperties.resolve(0, 8)).isEqualTo(4);
	}

	@Test
	void aConfiguredCountIsUsedAsGiven() {
		assertThat(EventLoopProperties.resolve(3, 2)).isEqualTo(3);
		assertThat(EventLoopProperties.resolve(1, 64)).isEqualTo(1);
	}

}
