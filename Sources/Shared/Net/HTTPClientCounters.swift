import Synchronization

/// An `HTTPClient`'s connection counts, shared by its pools on every loop: relaxed atomics changed
/// when a connection opens or closes (never per request on a kept-alive connection), read by scrapes.
final class HTTPClientCounters: Sendable {
    /// Connections open now: pooled idle ones and those carrying an exchange.
    let open = Atomic<Int>(0)
    /// Connections opened since the client was made (a reuse ratio against the requests sent).
    let opened = Atomic<Int>(0)
}
