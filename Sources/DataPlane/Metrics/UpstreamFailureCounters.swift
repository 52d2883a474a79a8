import Shared
import Synchronization

/// Failed integration calls by kind (`tollgate_upstream_failures_total{type=…}`).
///
/// Counted by `HTTPClientInvoker` when a call fails, so only failures pay: one relaxed atomic add.
/// The kinds are `HTTPClientError`'s cases, a fixed set (bounded cardinality).
package final class UpstreamFailureCounters: Sendable {
    /// Label values, in the order of `index(of:)`.
    package static let types = ["connection_refused", "connection_reset", "connection_closed", "connect_timeout", "response_timeout",
                                "malformed_response", "dns_failure", "response_too_large", "buffer_budget_exceeded", "shutdown",
                                "tls", "io"]
    private let counts: [CounterBox]

    package init() {
        counts = Self.types.map { _ in CounterBox() }
    }

    static func index(of error: HTTPClientError) -> Int {
        switch error {
        case .connectionRefused: return 0
        case .connectionReset: return 1
        case .connectionClosed: return 2
        case .connectTimeout: return 3
        case .responseTimeout: return 4
        case .malformedResponse: return 5
        case .dnsFailure: return 6
        case .responseTooLarge: return 7
        case .bufferBudgetExceeded: return 8
        case .shutdown: return 9
        case .tls: return 10
        case .io: return 11
        }
    }

    /// Counts one failed call (any thread).
    package func note(_ error: HTTPClientError) {
        counts[Self.index(of: error)].value.wrappingAdd(1, ordering: .relaxed)
    }

    /// The count of each of `types`, in that order.
    package var values: [UInt64] { counts.map { $0.value.load(ordering: .relaxed) } }
}

/// A heap cell holding one atomic, so a fixed array of them can be built.
private final class CounterBox: Sendable {
    let value = Atomic<UInt64>(0)
}
