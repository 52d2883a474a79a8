import Foundation
import Testing

/// Allocations per request on the proxy path and on a MOCK route, with thresholds the suite enforces
/// (issue 11), as SwiftNIO's allocation tests do: a change that adds an allocation per request fails
/// here, in CI, without any timing.
///
/// The counting runs in the AllocationProbe executable (a process of its own, built with the tests):
/// it links a counting malloc, serves an HTTP_PROXY and a MOCK route from an in-process node to an
/// in-process echo, and prints the counts per request. Nothing else this suite runs is counted, in
/// parallel or not. The thresholds sit half an allocation above the measured values (stated per build
/// configuration below); lower them when a change removes allocations.
@Suite(.timeLimit(.minutes(2))) struct ProxyAllocationTests {
    #if DEBUG
    // Measured 2026-12-02 (debug build, what `swift test` runs): proxy 247.0 allocations/request,
    // MOCK 103.0 (2,000 requests; 240.0 and 99.0 before the fifth issue-11 pass, 267.0 and 100.0
    // before the second). The fifth pass's +7/+4 are debug-only: unoptimised code puts
    // `HTTPHeadWriter`'s buffer (`withUnsafeTemporaryAllocation`) and a few generic helpers on the
    // heap; the release build's count is unchanged (callgrind, open proxy route: 24.1
    // `swift_allocObject` calls a request before and after, docs/performance.md). Half an
    // allocation of margin: one more allocation per request fails the test.
    //
    // Measured 2026-12-03 with request metrics on (the node's default since issue 16): proxy 279.0,
    // MOCK 121.0. The +32/+18 are the chain's completion path, not the metrics filter: with the
    // filter's `onCompletion` emptied the counts were the same 279.0/121.0 (a route with a
    // completion hook keeps its invocation and clock readings to the end, `ChainRun.integrate`/`stop`,
    // which unoptimised code pays for with heap boxes). Release: +1 on the proxy path, below.
    static let proxyLimit = 279.5
    static let mockLimit = 121.5
    #else
    // Measured 2026-12-02 (release build): proxy 27.0 allocations/request, MOCK 15.0 (31.0 and 15.0 before).
    // With request metrics on (issue 16, 2026-12-03): proxy 28.0 (the completion path's one closure
    // context, `ChainRun.integrate`), MOCK 15.0.
    static let proxyLimit = 28.5
    static let mockLimit = 15.5
    #endif

    @Test func proxyAndMockRequestsStayWithinTheirAllocationBudgets() throws {
        let counts = try Self.runProbe()
        let proxy = try #require(counts["proxy"])
        let mock = try #require(counts["mock"])
        #expect(proxy.allocations <= Self.proxyLimit, "proxy path: \(proxy.allocations) allocations/request")
        #expect(mock.allocations <= Self.mockLimit, "MOCK: \(mock.allocations) allocations/request")
        // Every allocation of a finished request is freed: a leak per request shows up here.
        #expect(abs(proxy.frees - proxy.allocations) < 1, "proxy path: \(proxy.allocations) allocations, \(proxy.frees) frees per request")
        #expect(abs(mock.frees - mock.allocations) < 1, "MOCK: \(mock.allocations) allocations, \(mock.frees) frees per request")
    }

    /// Runs the probe (next to this test bundle) and parses its `route allocations frees` lines.
    static func runProbe() throws -> [String: (allocations: Double, frees: Double)] {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates = [directory.appendingPathComponent("AllocationProbe").path,
                          URL(fileURLWithPath: Bundle.main.bundlePath).deletingLastPathComponent().appendingPathComponent("AllocationProbe").path]
        if let explicit = ProcessInfo.processInfo.environment["ALLOCATION_PROBE_BIN"] { candidates.insert(explicit, at: 0) }
        let path = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
                                "AllocationProbe is built with the tests (swift build --build-tests)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "AllocationProbe failed:\n\(text)")
        var counts: [String: (allocations: Double, frees: Double)] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let allocations = Double(parts[1]), let frees = Double(parts[2]) else { continue }
            counts[String(parts[0])] = (allocations, frees)
        }
        return counts
    }
}
