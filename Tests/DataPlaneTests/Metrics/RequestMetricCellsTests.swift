import Testing
@testable import DataPlane
@testable import Shared

@Suite struct RequestMetricCellsTests {
    typealias Field = RequestMetricCells.Field
    static let labels = RequestMetricLabels(apiId: "a", apiName: "n", stage: "s", method: nil, resource: nil)

    static func record(status: Int, latencyNanos: UInt64 = 1_000_000, integrationNanos: UInt64? = nil,
                       errorType: String? = nil) -> CompletionRecord {
        CompletionRecord(status: status, latencyNanos: latencyNanos, integrationLatencyNanos: integrationNanos, requestBodyBytes: 3,
                         responseBodyBytes: 5, errorType: errorType, errorSource: nil)
    }

    @Test(arguments: [(UInt64(0), 0), (5_000_000, 0), (5_000_001, 1), (1_000_000_000, 7), (30_000_000_000, 11), (30_000_000_001, 12)])
    func aLatencyFallsInTheFirstBucketItDoesNotExceed(nanos: UInt64, bucket: Int) {
        #expect(RequestMetricCells.bucket(nanos) == bucket)
    }

    @Test func everyLoopsRowAndTheSharedRowAddUpAtScrapeTime() {
        let cells = RequestMetricCells(labels: Self.labels, loops: 2)
        cells.record(Self.record(status: 200, integrationNanos: 2_000_000), cache: .miss, row: 0)
        cells.record(Self.record(status: 404), cache: .hit, row: 1)
        cells.record(Self.record(status: 502, integrationNanos: 40_000_000_000), cache: .notCached, row: nil)
        let totals = cells.totals()
        #expect(totals[Field.count] == 3)
        #expect(totals[Field.clientErrors] == 1)
        #expect(totals[Field.serverErrors] == 1)
        #expect(totals[Field.cacheHits] == 1 && totals[Field.cacheMisses] == 1)
        #expect(totals[Field.requestBytes] == 9 && totals[Field.responseBytes] == 15)
        #expect(totals[Field.latencySum] == 3_000_000)
        #expect(totals[Field.integrationCount] == 2)
        #expect(totals[Field.integrationSum] == 40_002_000_000)
        // 2 ms in the first bucket (≤ 5 ms), 40 s above every bound.
        #expect(totals[Field.integrationBuckets] == 1)
        #expect(totals[Field.integrationBuckets + RequestMetricCells.latencyBounds.count] == 1)
    }

    @Test func tellsThrottlesFromQuotasByTheirErrorType() {
        let cells = RequestMetricCells(labels: Self.labels, loops: 1)
        cells.record(Self.record(status: 429, errorType: GatewayError.throttled.errorType), cache: .notCached,
                     throttle: .of(.bucket(LimiterKey(.account))), row: 0)
        cells.record(Self.record(status: 429, errorType: GatewayError.throttled.errorType), cache: .notCached, row: 0)  // after a wait
        cells.record(Self.record(status: 429, errorType: GatewayError.quotaExceeded.errorType), cache: .notCached, row: 0)
        cells.record(Self.record(status: 429), cache: .notCached, row: 0)  // an integration's own 429
        let totals = cells.totals()
        #expect(totals[Field.clientErrors] == 4)
        let level = { (name: String) in totals[Field.throttled + ThrottleRefusal.levels.firstIndex(of: name)!] }
        #expect(level("account") == 1)
        #expect(level("unknown") == 1)
        #expect(level("method") == 0)
        #expect(totals[Field.quotaExceeded] == 1)
    }
}
