/// An HTTP/1.1 client for upstream calls, running on the server's event loops.
///
/// Each loop keeps its own keep-alive pool per `host:port` and TLS mode (no locks, no cross-thread
/// sockets). `https` requests handshake first (`TLSTransport`, SNI and host-name verification
/// against `Configuration.tls`); the connect timeout covers the TCP connect and the handshake.
/// Host names resolve off the loops; IP literals skip resolution. A name with several addresses is
/// tried in the resolver's order, moving to the next address when one refuses the connection
/// (nothing was sent, so any request may move on): `localhost` answering `::1` first still reaches
/// a backend that listens on 127.0.0.1 only. A request is retried once, on
/// a fresh connection, only when a pooled connection turned out to be stale before any byte of
/// the response arrived — so no request is ever sent twice after the upstream started answering.
/// Completions run on the loop that executed the request.
package final class HTTPClient: Sendable {
    /// Pool sizing and parser limits for responses.
    package struct Configuration: Sendable {
        /// Idle keep-alive connections kept per `host:port` per loop.
        package var maxIdleConnectionsPerHost: Int
        /// An idle pooled connection is closed after this long.
        package var idleTimeout: Duration
        /// Limits for upstream responses (the body limit gives `.responseTooLarge`).
        package var limits: HTTPLimits
        /// Host name → addresses, in the order to try them; runs on a Dispatch thread, never on a
        /// loop (default: `getaddrinfo`; tests inject names).
        package var resolve: @Sendable (_ host: String, _ port: Int) -> Result<[SocketAddress], HTTPClientError>
        /// The node-wide allowance for buffered bodies (nil: none). A response body is counted
        /// while it arrives; one that would take the budget past its limit fails the request with
        /// `.bufferBudgetExceeded`. The count is given back when the exchange completes or fails.
        package var bodyBudget: BodyMemoryBudget?
        /// Client contexts for `https` requests (default: the system CA store; nil: such requests
        /// fail with `.tls`). Built off the loops.
        package var tls: TLSClientContexts? = TLSClientContexts.system

        package init(maxIdleConnectionsPerHost: Int = 16, idleTimeout: Duration = .seconds(60), limits: HTTPLimits = .default,
                     bodyBudget: BodyMemoryBudget? = nil,
                     resolve: @escaping @Sendable (_ host: String, _ port: Int) -> Result<[SocketAddress], HTTPClientError> = DNSResolver.lookUp) {
            self.maxIdleConnectionsPerHost = maxIdleConnectionsPerHost
            self.idleTimeout = idleTimeout
            self.limits = limits
            self.bodyBudget = bodyBudget
            self.resolve = resolve
        }
    }

    private let group: EventLoopGroup
    package let configuration: Configuration
    private let counters = HTTPClientCounters()

    package init(group: EventLoopGroup, configuration: Configuration = .init()) {
        self.group = group
        self.configuration = configuration
    }

    /// Sends `request` from `loop` (default: the group's next loop) and calls `completion` there.
    package func execute(
        _ request: HTTPClientRequest, on loop: EventLoop? = nil,
        completion: @escaping @Sendable (Result<HTTPResponse, HTTPClientError>) -> Void
    ) {
        let loop = loop ?? group.next()
        if loop.inEventLoop {
            pool(on: loop).execute(request, completion: completion)
        } else {
            loop.execute { [self] in pool(on: loop).execute(request, completion: completion) }
        }
    }

    /// Sends `request` and returns the whole response.
    package func execute(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPResponse {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, HTTPClientError>, Never>) in
            execute(request, on: nil) { continuation.resume(returning: $0) }
        }
        return try result.get()
    }

    /// Idle pooled connections to `host:port` on `loop` (tests and diagnostics); `tls` picks the
    /// pool of verified (true) or unverified (false) TLS connections instead of plain ones.
    package func idleConnectionCount(host: String, port: Int, tls: Bool? = nil, on loop: EventLoop) async -> Int {
        let mode: HTTPClientPool.Key.TLSMode = tls.map { $0 ? .verified : .unverified } ?? .plain
        return await withCheckedContinuation { continuation in
            loop.execute { [self] in
                continuation.resume(returning: pool(on: loop).idleCount(for: HTTPClientPool.Key(host: host, port: port, tls: mode)))
            }
        }
    }

    /// Upstream connections open now (idle in a pool or carrying an exchange) and opened since
    /// start, on every loop (any thread; `tollgate_upstream_connections_*`).
    package var connectionCounts: (open: Int, opened: Int) {
        (counters.open.load(ordering: .relaxed), counters.opened.load(ordering: .relaxed))
    }

    /// Closes every idle connection and fails later requests with `.shutdown`.
    package func shutdown() async {
        let key = ObjectIdentifier(self)
        for loop in group.loops {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                loop.execute {
                    (loop.attachments[key] as? HTTPClientPool)?.shutdown()
                    continuation.resume()
                }
            }
        }
    }

    /// This client's pool on `loop`, created on first use. Loop thread only.
    private func pool(on loop: EventLoop) -> HTTPClientPool {
        let key = ObjectIdentifier(self)
        if let pool = loop.attachments[key] as? HTTPClientPool { return pool }
        let pool = HTTPClientPool(loop: loop, configuration: configuration, counters: counters)
        loop.attachments[key] = pool
        return pool
    }
}
