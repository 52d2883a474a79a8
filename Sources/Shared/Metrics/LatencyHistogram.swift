/// Observations counted into fixed buckets, for histograms written by `PrometheusExposition`.
///
/// A value type for state that already sits behind a lock (the control plane's commit timings);
/// the data plane's per-loop request cells keep their own layout (`RequestMetricCells`).
package struct LatencyHistogram: Sendable, Equatable {
    /// Upper bounds, seconds, ascending.
    package let bounds: [Double]
    /// `counts[i]` observations in `(bounds[i-1], bounds[i]]`; the last one above every bound.
    package private(set) var counts: [UInt64]
    /// Sum of every observation, seconds.
    package private(set) var sum: Double = 0

    package init(bounds: [Double]) {
        self.bounds = bounds
        counts = [UInt64](repeating: 0, count: bounds.count + 1)
    }

    package mutating func observe(seconds: Double) {
        var index = 0
        while index < bounds.count, seconds > bounds[index] { index += 1 }
        counts[index] &+= 1
        sum += seconds
    }

    /// This histogram as one exposition sample.
    package func sample(labels: [(String, String)] = []) -> PrometheusExposition.Sample {
        PrometheusExposition.Sample(labels: labels, value: .histogram(bucketCounts: counts, sum: sum))
    }
}
