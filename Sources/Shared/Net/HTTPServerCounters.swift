import Synchronization

/// Live server statistics, updated by loop threads with relaxed atomics (no locks).
final class HTTPServerCounters: Sendable {
    let accepted = Atomic<Int>(0)
    let open = Atomic<Int>(0)
    let peakOutbound = Atomic<Int>(0)
    /// Connections closed at accept because no TLS session could be made for them.
    let refusedTLSSetup = Atomic<Int>(0)
    /// TLS connections closed because their handshake failed or did not finish in time.
    let failedHandshakes = Atomic<Int>(0)
    let timedOutHandshakes = Atomic<Int>(0)
    /// Times accepting paused because the process was out of descriptors (`EMFILE`).
    let acceptPauses = Atomic<Int>(0)

    func notePeakOutbound(_ bytes: Int) {
        _ = peakOutbound.max(bytes, ordering: .relaxed)
    }

    var snapshot: HTTPServer.Statistics {
        HTTPServer.Statistics(
            acceptedConnections: accepted.load(ordering: .relaxed),
            openConnections: open.load(ordering: .relaxed),
            peakOutboundBytesPerConnection: peakOutbound.load(ordering: .relaxed),
            refusedTLSSetup: refusedTLSSetup.load(ordering: .relaxed),
            failedHandshakes: failedHandshakes.load(ordering: .relaxed),
            timedOutHandshakes: timedOutHandshakes.load(ordering: .relaxed),
            acceptPauses: acceptPauses.load(ordering: .relaxed))
    }
}
