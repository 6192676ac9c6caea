package io.inkwell.dashboard;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

/**
 * Latency figures of one Micrometer timer, in milliseconds. The percentiles are estimated
 * from the timer's histogram buckets (linear inside a bucket), so they cover everything
 * since the process started and are as precise as the buckets are narrow; {@code maxMs}
 * is Micrometer's decaying maximum of the last few minutes (0 when nothing was recorded
 * lately).
 */
record Latency(long count, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

	static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);

	static Latency of(Timer timer) {
		HistogramSnapshot snapshot = timer.takeSnapshot();
		long count = snapshot.count();
		if (count == 0) {
			return NONE;
		}
		double max = snapshot.max(TimeUnit.MILLISECONDS);
		CountAtBucket[] buckets = snapshot.histogramCounts();
		return new Latency(count, round(snapshot.mean(TimeUnit.MILLISECONDS)), percentile(buckets, count, 0.50, max),
				percentile(buckets, count, 0.95, max), percentile(buckets, count, 0.99, max), round(max));
	}

	/** Adds two timers' figures (e.g. the success and failure outcomes of one meter). */
	Latency plus(Latency other) {
		if (other.count == 0) {
			return this;
		}
		if (this.count == 0) {
			return other;
		}
		long total = this.count + other.count;
		double mean = (this.meanMs * this.count + other.meanMs * other.count) / total;
		return new Latency(total, round(mean), Math.max(this.p50Ms, other.p50Ms), Math.max(this.p95Ms, other.p95Ms),
				Math.max(this.p99Ms, other.p99Ms), Math.max(this.maxMs, other.maxMs));
	}

	/**
	 * The q-quantile from cumulative bucket counts, as the Prometheus registry's
	 * snapshots have them (each bucket counts every value up to its bound; some other
	 * registries count per bucket, which this would misread).
	 */
	static double percentile(CountAtBucket[] buckets, long count, double q, double max) {
		double rank = q * count;
		double lowerBound = 0;
		double lowerCount = 0;
		for (CountAtBucket bucket : buckets) {
			double upperBound = bucket.bucket(TimeUnit.MILLISECONDS);
			double upperCount = bucket.count();
			if (upperCount >= rank) {
				double share = (upperCount > lowerCount) ? (rank - lowerCount) / (upperCount - lowerCount) : 1;
				double value = lowerBound + (upperBound - lowerBound) * share;
				// the decaying max is a better bound than the bucket's when it is known
				return round((max > 0) ? Math.min(value, max) : value);
			}
			lowerBound = upperBound;
			lowerCount = upperCount;
		}
		// beyond the largest finite bucket
		return round(Math.max(lowerBound, max));
	}

	private static double round(double millis) {
		return Math.round(millis * 10) / 10.0;
	}

}
