extension HTTPServer {
    /// Where to listen and how patient to be. Durations are monotonic; sizes in bytes.
    package struct Configuration: Sendable {
        /// A numeric address or a host name resolved once at start (`127.0.0.1`, `0.0.0.0`, `::1`).
        package var host: String
        /// 0 picks a free port; `start()` returns the one bound.
        package var port: Int
        /// The kernel's accept queue length per listener.
        package var backlog: Int32
        /// Parser limits (request line, headers, body).
        package var limits: HTTPLimits
        /// Time allowed to receive a whole request head from its first byte (slowloris guard).
        package var headTimeout: Duration
        /// Time allowed to receive a whole body once its head is complete.
        package var bodyTimeout: Duration
        /// An idle keep-alive connection, or one whose peer stops reading, closes after this.
        package var idleTimeout: Duration
        /// After the last response of a closing connection, how long to wait for the peer's FIN.
        package var lingerTimeout: Duration
        /// Stop reading a connection when this many response bytes wait to be sent to it…
        package var writeHighWaterMark: Int
        /// …and read again once fewer than this many wait.
        package var writeLowWaterMark: Int
        /// Requests read ahead of their responses on one connection before reading pauses.
        package var maxPipelinedRequests: Int
        /// The answer to a request the engine refuses before any handler sees it (a malformed or
        /// oversized request: 400, 408, 413, 414, 431, 501, 505); the connection closes after it.
        /// Default `plainRefusal`; the data plane answers 413 as API Gateway does.
        package var refusal: @Sendable (Int) -> HTTPResponse = Configuration.plainRefusal
        /// The node-wide allowance for buffered bodies, shared with the upstream client (nil: no
        /// node-wide bound, only `limits.maxBodyBytes` per body). A request body that would take
        /// it past its limit is refused with 503 (through `refusal`) and the connection closes.
        package var bodyBudget: BodyMemoryBudget?
        /// Serve TLS with this context (certificate, key, protocols, ALPN) instead of plain TCP
        /// (issue 15); `HTTPServer.reloadTLS` replaces it for new connections.
        package var tls: TLSContext?
        /// A TLS handshake not finished within this closes the connection (no HTTP answer).
        package var tlsHandshakeTimeout: Duration = .seconds(10)
        /// Where a listener that cannot register with its loop is reported (component `listener`).
        /// Default: error lines on standard error; the planes pass their process log.
        package var log = ProcessLog(node: "tollgate", component: "listener", minimumLevel: .warn)

        /// `413 Content Too Large` and the like, as `text/plain`.
        @Sendable package static func plainRefusal(_ status: Int) -> HTTPResponse {
            let reason = HTTPServerConnectionStateMachine.reasonPhrases[status] ?? "Error"
            return HTTPResponse(status: status, headers: ["Content-Type": "text/plain"], body: Array("\(status) \(reason)\n".utf8))
        }

        package init(
            host: String = "127.0.0.1", port: Int = 0, backlog: Int32 = 1024, limits: HTTPLimits = .default,
            headTimeout: Duration = .seconds(10), bodyTimeout: Duration = .seconds(30),
            idleTimeout: Duration = .seconds(60), lingerTimeout: Duration = .seconds(2),
            writeHighWaterMark: Int = 256 * 1024, writeLowWaterMark: Int = 64 * 1024,
            maxPipelinedRequests: Int = 32
        ) {
            self.host = host
            self.port = port
            self.backlog = backlog
            self.limits = limits
            self.headTimeout = headTimeout
            self.bodyTimeout = bodyTimeout
            self.idleTimeout = idleTimeout
            self.lingerTimeout = lingerTimeout
            self.writeHighWaterMark = writeHighWaterMark
            self.writeLowWaterMark = min(writeLowWaterMark, writeHighWaterMark)
            self.maxPipelinedRequests = max(1, maxPipelinedRequests)
        }

        var machineConfiguration: HTTPServerConnectionStateMachine.Configuration {
            HTTPServerConnectionStateMachine.Configuration(
                limits: limits, headTimeout: headTimeout.nanoseconds, bodyTimeout: bodyTimeout.nanoseconds,
                idleTimeout: idleTimeout.nanoseconds, lingerTimeout: lingerTimeout.nanoseconds,
                highWaterMark: writeHighWaterMark, lowWaterMark: writeLowWaterMark,
                maxPipelinedRequests: maxPipelinedRequests, bodyBudget: bodyBudget, refusal: refusal)
        }
    }
}
