/// `HTTPClient`'s state on one event loop: idle keep-alive connections per upstream.
///
/// Stored in the loop's `attachments`; every method runs on that loop, so the pool needs no
/// locks. Idle connections are reused most-recent-first; at most `maxIdleConnectionsPerHost`
/// are kept per `host:port`, each closed after `idleTimeout` unused. A connection in use is held by
/// its loop's descriptor table (registered from its creation until its socket closes) and by the
/// tasks it schedules there; the pool tracks only idle ones.
final class HTTPClientPool {
    let loop: EventLoop
    let configuration: HTTPClient.Configuration
    /// The client's connection counts, shared by its pools on every loop (touched per connection, not per request).
    let counters: HTTPClientCounters
    /// An upstream's `host:port` and TLS mode; a struct so a request's key costs no string formatting.
    struct Key: Hashable {
        /// Plain TCP, TLS with the peer verified, TLS without verification.
        enum TLSMode: Hashable { case plain, verified, unverified }
        let host: String
        let port: Int
        var tls: TLSMode = .plain
        /// `HTTPClientRequest.serverName` of TLS calls that verify another name than `host`.
        var serverName: String?
        /// The client certificate the connection presents (`HTTPClientRequest.clientTLS`), nil: none.
        var clientCertificateId: String?
    }

    private var idle: [Key: [HTTPClientConnection]] = [:]
    private var isShutDown = false

    init(loop: EventLoop, configuration: HTTPClient.Configuration, counters: HTTPClientCounters) {
        self.loop = loop
        self.configuration = configuration
        self.counters = counters
    }

    /// Sends `request` on a pooled connection if one is idle, else on a new one.
    func execute(_ request: HTTPClientRequest, completion: @escaping (Result<HTTPResponse, HTTPClientError>) -> Void) {
        guard !isShutDown else { return completion(.failure(.shutdown)) }
        let key = request.poolKey
        while let connection = idle[key]?.popLast() {
            guard connection.isIdle else { continue }
            connection.send(.init(request: request, completion: completion, reused: true))
            return
        }
        connectAndSend(.init(request: request, completion: completion, reused: false))
    }

    /// Opens a new connection for `exchange` (resolving the host off the loop when needed).
    func connectAndSend(_ exchange: HTTPClientConnection.Exchange) {
        guard !isShutDown else { return exchange.completion(.failure(.shutdown)) }
        let request = exchange.request
        if let address = SocketAddress(ipLiteral: request.host, port: request.port) {
            open(address, exchange)
            return
        }
        let pending = LoopBound(PendingExchange(pool: self, exchange: exchange), loop: loop)
        DNSResolver.resolve(host: request.host, port: request.port, using: configuration.resolve) { [loop] result in
            loop.execute {
                let (pool, exchange) = (pending.value.pool, pending.value.exchange)
                switch result {
                case .success(let addresses): pool.open(addresses[...], exchange)
                case .failure(let error): exchange.completion(.failure(error))
                }
            }
        }
    }

    /// Connects to the first of `addresses` that does not refuse (or fail to open) the connection,
    /// then sends `exchange` on it. A refusal means nothing was sent, so moving on is safe for any
    /// method; any other failure (a timeout, a reset after sending) is the exchange's answer.
    func open(_ addresses: ArraySlice<SocketAddress>, _ exchange: HTTPClientConnection.Exchange) {
        guard let address = addresses.first else { return exchange.completion(.failure(.dnsFailure("no addresses"))) }
        let rest = addresses.dropFirst()
        guard !rest.isEmpty else { return open(address, exchange) }
        let attempt = HTTPClientConnection.Exchange(request: exchange.request, completion: { [self] result in
            if case .failure(.connectionRefused) = result { open(rest, exchange) } else { exchange.completion(result) }
        }, reused: false)
        open(address, attempt, orElse: { [self] in open(rest, exchange) })
    }

    /// Opens a connection to `address` for `exchange`; when the socket cannot even be opened,
    /// calls `orElse` if given, else fails the exchange.
    private func open(_ address: SocketAddress, _ exchange: HTTPClientConnection.Exchange, orElse: (() -> Void)? = nil) {
        guard !isShutDown else { return exchange.completion(.failure(.shutdown)) }
        let request = exchange.request
        var session: TLSSession?
        if request.isTLS {
            guard let contexts = request.clientTLS ?? configuration.tls else {
                return exchange.completion(.failure(.tls(.configuration("this client has no TLS context"))))
            }
            do {
                session = try TLSSession(context: contexts.context(verifyingPeer: request.verifiesPeer), serverName: request.serverName ?? request.host)
            } catch {
                return exchange.completion(.failure(.tls(error)))
            }
        }
        do {
            // The loop's descriptor table holds the new connection (see the type's comment).
            _ = try HTTPClientConnection(
                address: address, key: request.poolKey, loop: loop, pool: self,
                limits: configuration.limits, tls: session, exchange: exchange)
        } catch {
            if let orElse { return orElse() }
            exchange.completion(.failure(HTTPClientError(error)))
        }
    }

    /// A connection finished an exchange and may be reused.
    func release(_ connection: HTTPClientConnection) {
        // One lookup of the key: the check and the append share the dictionary's modify access
        // (with the in-use table gone, `release` fell from 1,698 to 1,078 instructions a proxied request
        // and `execute` by ~210, bench/instructions.sh, issue 11).
        guard !isShutDown, Self.append(connection, to: &idle[connection.key, default: []], max: configuration.maxIdleConnectionsPerHost) else {
            connection.close()
            return
        }
        connection.arm(.idle, after: configuration.idleTimeout.nanoseconds)
    }

    /// Appends `connection` to `list` unless it holds `max` already; whether it did.
    private static func append(_ connection: HTTPClientConnection, to list: inout [HTTPClientConnection], max: Int) -> Bool {
        guard list.count < max else { return false }
        list.append(connection)
        return true
    }

    /// Forgets a connection that closed.
    func remove(_ connection: HTTPClientConnection) {
        guard var list = idle[connection.key], let index = list.firstIndex(where: { $0 === connection }) else { return }
        list.remove(at: index)
        idle[connection.key] = list.isEmpty ? nil : list
    }

    /// Idle connections per `host:port` (tests).
    func idleCount(for key: Key) -> Int { idle[key]?.count ?? 0 }

    /// Closes idle connections and refuses new requests; in-flight exchanges finish.
    func shutdown() {
        isShutDown = true
        for connection in idle.values.flatMap({ $0 }) { connection.close() }
        idle.removeAll()
    }
}

/// Holds an exchange while its host name resolves on another thread.
private final class PendingExchange {
    let pool: HTTPClientPool
    let exchange: HTTPClientConnection.Exchange
    init(pool: HTTPClientPool, exchange: HTTPClientConnection.Exchange) {
        self.pool = pool
        self.exchange = exchange
    }
}
