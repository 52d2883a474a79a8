import Shared
import Synchronization

/// One series' request counters (one stage, or one method of a stage with detailed metrics),
/// one row of cells per event loop plus one shared row for other threads.
///
/// Allocated once, off the loops, when a snapshot's chains are built (`RequestMetricsRegistry`),
/// and kept across snapshots so counters never go backwards. A loop adds only to its own row, with
/// a relaxed load and store (a single writer: no lock-prefixed instruction, no lock, nothing
/// allocated); a completion that runs off every loop (tests, benchmarks driving the pipeline
/// directly) adds to the shared row with an atomic add. Rows are padded to whole cache lines so
/// two loops never write the same line. A scrape reads every row with relaxed loads and sums them
/// (`totals()`), so it may see a request's count before its latency: never a torn number.
package final class RequestMetricCells: @unchecked Sendable {
    /// Upper bounds of the latency histograms, seconds (Prometheus's default buckets, plus 30 s
    /// for API Gateway's 29 s integration timeout).
    package static let latencyBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
    static let boundNanos: [UInt64] = latencyBounds.map { UInt64($0 * 1_000_000_000) }
    static let buckets = latencyBounds.count + 1

    /// Cell offsets within a row.
    enum Field {
        static let count = 0
        static let clientErrors = 1
        static let serverErrors = 2
        static let cacheHits = 3
        static let cacheMisses = 4
        static let quotaExceeded = 5
        static let requestBytes = 6
        static let responseBytes = 7
        static let latencySum = 8
        /// One cell per `ThrottleRefusal.levels` entry.
        static let throttled = 9
        static let latencyBuckets = throttled + ThrottleRefusal.levels.count
        static let integrationSum = latencyBuckets + buckets
        static let integrationCount = integrationSum + 1
        static let integrationBuckets = integrationCount + 1
        static let used = integrationBuckets + buckets
    }

    /// Cells per row: `Field.used` rounded up to whole 64-byte lines.
    static let stride = (Field.used + 7) / 8 * 8

    package let labels: RequestMetricLabels
    private let rows: Int
    // Safe: allocated and initialised in `init` for `rows * stride` cells, freed in `deinit`; every
    // access goes through an offset below that count (`row < rows`, `field < stride`). Shared
    // across threads (`@unchecked Sendable`) because every cell is an `Atomic`: a loop's row has
    // one writer (its thread), the shared row uses atomic adds, readers use relaxed loads.
    private let cells: UnsafeMutablePointer<Atomic<UInt64>>

    /// Cells for `loops` event loops and the shared row.
    init(labels: RequestMetricLabels, loops: Int) {
        self.labels = labels
        rows = loops + 1
        cells = .allocate(capacity: rows * Self.stride)
        for index in 0..<(rows * Self.stride) { (cells + index).initialize(to: Atomic(0)) }
    }

    deinit {
        cells.deinitialize(count: rows * Self.stride)
        cells.deallocate()
    }

    /// Adds one finished request. `row` is the calling loop's index, or nil off every loop;
    /// `throttle` the level `LimitsFilter` named for a throttle's 429 (nil: unknown).
    func record(_ record: CompletionRecord, cache: CacheOutcome, throttle: ThrottleRefusal? = nil, row: Int?) {
        let target = Row(cells: cells + (row ?? rows - 1) * Self.stride, shared: row == nil)
        target.add(Field.count, 1)
        switch record.status {
        case 400..<500:
            target.add(Field.clientErrors, 1)
            if record.status == 429 {
                if record.errorType == RequestMetricCells.quotaErrorType { target.add(Field.quotaExceeded, 1) }
                else if record.errorType == RequestMetricCells.throttleErrorType {
                    target.add(Field.throttled + (throttle ?? ThrottleRefusal.unknown).index, 1)
                }
            }
        case 500..<600: target.add(Field.serverErrors, 1)
        default: break
        }
        switch cache {
        case .notCached: break
        case .hit: target.add(Field.cacheHits, 1)
        case .miss: target.add(Field.cacheMisses, 1)
        }
        target.add(Field.requestBytes, UInt64(max(0, record.requestBodyBytes)))
        target.add(Field.responseBytes, UInt64(max(0, record.responseBodyBytes)))
        target.add(Field.latencySum, record.latencyNanos)
        target.add(Field.latencyBuckets + Self.bucket(record.latencyNanos), 1)
        if let integration = record.integrationLatencyNanos {
            target.add(Field.integrationSum, integration)
            target.add(Field.integrationCount, 1)
            target.add(Field.integrationBuckets + Self.bucket(integration), 1)
        }
    }

    /// `x-amzn-ErrorType` of the two 429s the limits filter answers.
    static let throttleErrorType = GatewayError.throttled.errorType
    static let quotaErrorType = GatewayError.quotaExceeded.errorType

    /// One row's cells and how to add to them.
    private struct Row {
        let cells: UnsafeMutablePointer<Atomic<UInt64>>
        /// The shared row has several writers (atomic add); a loop's row has one (load and store).
        let shared: Bool

        func add(_ field: Int, _ value: UInt64) {
            // Safe: `field < stride`, and `cells` points at the start of a row of `stride` cells.
            let cell = cells + field
            if shared {
                cell.pointee.wrappingAdd(value, ordering: .relaxed)
            } else {
                cell.pointee.store(cell.pointee.load(ordering: .relaxed) &+ value, ordering: .relaxed)
            }
        }
    }

    /// The histogram bucket of `nanos`: the first bound it does not exceed, else the overflow bucket.
    static func bucket(_ nanos: UInt64) -> Int {
        var index = 0
        while index < boundNanos.count, nanos > boundNanos[index] { index += 1 }
        return index
    }

    /// Every row summed (any thread).
    package func totals() -> [UInt64] {
        var sums = [UInt64](repeating: 0, count: Field.used)
        for row in 0..<rows {
            for field in 0..<Field.used { sums[field] &+= cells[row * Self.stride + field].load(ordering: .relaxed) }
        }
        return sums
    }
}

/// Whether a finished request went through the stage cache, for `CacheHitCount`/`CacheMissCount`.
enum CacheOutcome {
    /// The method does not cache, or the request never got as far as the cache.
    case notCached
    case hit
    case miss
}

/// The labels of one request series: detailed (method and resource) only with `metricsEnabled`.
package struct RequestMetricLabels: Hashable, Sendable {
    package let apiId: String
    package let apiName: String
    package let stage: String
    /// HTTP method and resource path template (`/pets/{id}`), nil without detailed metrics.
    package let method: String?
    package let resource: String?

    package var pairs: [(String, String)] {
        var pairs = [("api_id", apiId), ("api_name", apiName), ("stage", stage)]
        if let method, let resource { pairs += [("method", method), ("resource", resource)] }
        return pairs
    }
}
