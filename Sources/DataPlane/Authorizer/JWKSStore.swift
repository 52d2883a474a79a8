import Shared
import Synchronization

/// The node's copy of each issuer's signing keys (JWKS), by URL: fetched on first use, fetched
/// again when a token names a key the copy lacks (a rotation), never more often than once per
/// `refreshInterval` per URL, and one fetch at a time per URL however many requests wait for it.
///
/// Fetches go through the node's invoker (the same HTTP client as integrations, on the calling
/// loop), never block a loop: a request that needs keys parks until `fetch`'s completion. A failed
/// fetch keeps the keys held before. Shared by every loop behind one `Mutex`.
package final class JWKSStore: Sendable {
    private struct Entry {
        var keys: JSONWebKeySet?
        /// Monotonic nanoseconds of the last fetch started (0: never).
        var lastAttempt: UInt64 = 0
        /// Completions waiting for the fetch in flight (nil: none in flight).
        var waiters: [@Sendable (JSONWebKeySet?) -> Void]?
    }

    private let entries = Mutex<[String: Entry]>([:])
    package let refreshInterval: Duration
    private let clock: @Sendable () -> UInt64
    /// How long one fetch may take (AWS gives a JWKS fetch 1.5 s).
    package static let fetchTimeout: Duration = .milliseconds(1500)

    package init(refreshInterval: Duration, clock: @escaping @Sendable () -> UInt64) {
        self.refreshInterval = refreshInterval
        self.clock = clock
    }

    /// The keys held for `url`, if any.
    package func keys(for url: String) -> JSONWebKeySet? {
        entries.withLock { $0[url]?.keys }
    }

    /// Fetches `url`'s keys unless a fetch ran within `refreshInterval` (then `completion` gets the
    /// keys held, possibly nil) or one is in flight (then it joins it). `completion` runs once, on
    /// the thread that finished the fetch, or synchronously when no fetch is started.
    package func fetch(_ url: String, invoker: any IntegrationInvoker, completion: @escaping @Sendable (JSONWebKeySet?) -> Void) {
        let now = clock()
        let interval = UInt64(refreshInterval.nanoseconds)
        enum Step { case answer(JSONWebKeySet?), joined, start }
        let step = entries.withLock { entries -> Step in
            var entry = entries[url] ?? Entry()
            if entry.waiters != nil {
                entry.waiters!.append(completion)
                entries[url] = entry
                return .joined
            }
            if entry.lastAttempt != 0, now &- entry.lastAttempt < interval { return .answer(entry.keys) }
            entry.lastAttempt = now
            entry.waiters = [completion]
            entries[url] = entry
            return .start
        }
        switch step {
        case .answer(let keys): return completion(keys)
        case .joined: return
        case .start: break
        }
        guard let request = Self.request(url) else { return finish(url, with: nil) }
        invoker.invoke(request) { [self] outcome in
            var fetched: JSONWebKeySet?
            if case .success(let response) = outcome, response.status == 200 { fetched = JSONWebKeySet.parse(response.body) }
            finish(url, with: fetched)
        }
    }

    /// Stores a fetched set (a failed fetch keeps the old one) and answers every waiter.
    private func finish(_ url: String, with fetched: JSONWebKeySet?) {
        let (waiters, keys) = entries.withLock { entries -> ([@Sendable (JSONWebKeySet?) -> Void], JSONWebKeySet?) in
            var entry = entries[url] ?? Entry()
            if let fetched { entry.keys = fetched }
            let waiters = entry.waiters ?? []
            entry.waiters = nil
            entries[url] = entry
            return (waiters, entry.keys)
        }
        for waiter in waiters { waiter(keys) }
    }

    /// `GET url` (http or https; https fails until the node has a TLS client).
    static func request(_ url: String) -> UpstreamRequest? {
        guard let endpoint = HTTPEndpointParsing.parse(url) else { return nil }
        var headers = HTTPHeaders()
        headers.add("Host", endpoint.hostHeader)
        headers.add("Accept", "application/json")
        headers.add("User-Agent", "Tollgate")
        let target = (endpoint.path.isEmpty ? "/" : endpoint.path) + (endpoint.query.map { "?" + $0 } ?? "")
        return UpstreamRequest(isTLS: endpoint.isTLS, host: endpoint.host, port: endpoint.port, method: .GET, target: target,
                               headers: headers, body: [], timeout: fetchTimeout)
    }
}
