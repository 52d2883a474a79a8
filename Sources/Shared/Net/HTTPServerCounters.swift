import Synchronization

/// Live server statistics, updated by loop threads with relaxed atomics (no locks).
final class HTTPServerCounters: Sendable {
    let accepted = Atomic<Int>(0)
    let open = Atomic<Int>(0)
    let peakOutbound = Atomic<Int>(0)

    func notePeakOutbound(_ bytes: Int) {
        _ = peakOutbound.max(bytes, ordering: .relaxed)
    }

    var snapshot: HTTPServer.Statistics {
        HTTPServer.Statistics(
            acceptedConnections: accepted.load(ordering: .relaxed),
            openConnections: open.load(ordering: .relaxed),
            peakOutboundBytesPerConnection: peakOutbound.load(ordering: .relaxed))
    }
}
