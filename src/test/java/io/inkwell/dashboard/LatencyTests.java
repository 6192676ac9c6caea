package io.inkwell.dashboard;

import java.time.Duration;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The application's registry is Prometheus', whose histogram snapshots are cumulative;
 * that is what {@link Latency} reads.
 */
class LatencyTests {

	@Test
	void estimatesPercentilesFromThePrometheusRegistrysHistogram() {
		Timer timer = Timer.builder("t")
			.publishPercentileHistogram()
			.register(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
		recordSpread(timer);
		Latency latency = Latency.of(timer);
		assertThat(latency.count()).isEqualTo(100);
		// buckets are coarse (about a third apart): the estimate lands in the right
		// bucket
		assertThat(latency.p50Ms()).isBetween(35.0, 70.0);
		assertThat(latency.p95Ms()).isBetween(80.0, 100.0);
		assertThat(latency.p99Ms()).isBetween(85.0, 100.0);
		assertThat(latency.maxMs()).isEqualTo(100.0);
		assertThat(latency.meanMs()).isCloseTo(50.5, within(0.1));
	}

	@Test
	void isAllZeroForATimerThatRecordedNothing() {
		Timer timer = Timer.builder("t")
			.publishPercentileHistogram()
			.register(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
		assertThat(Latency.of(timer)).isEqualTo(Latency.NONE);
	}

	@Test
	void addsCountsAndWeighsMeans() {
		Latency a = new Latency(1, 10, 10, 10, 10, 10);
		Latency b = new Latency(3, 30, 20, 40, 50, 60);
		assertThat(a.plus(b)).isEqualTo(new Latency(4, 25, 20, 40, 50, 60));
		assertThat(Latency.NONE.plus(b)).isEqualTo(b);
	}

	private static void recordSpread(Timer timer) {
		for (int millis = 1; millis <= 100; millis++) {
			timer.record(Duration.ofMillis(millis));
		}
	}

}
