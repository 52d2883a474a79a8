/// A request for `HTTPClient`: where to send it, what to send, and how long to wait.
///
/// Also the data plane's request to an integration endpoint (`UpstreamRequest`): one type carries
/// these fields from the integration to the wire.
package struct HTTPClientRequest: Sendable, Equatable {
    /// The endpoint speaks TLS (`https`): the connection handshakes first, sending `host` as SNI.
    package var isTLS: Bool
    /// With `isTLS`, whether the upstream's certificate chain and host name are verified (the
    /// default; false is an integration's `tlsConfig.insecureSkipVerification`).
    package var verifiesPeer: Bool = true
    /// Host name or IP literal of the upstream. Names are resolved off the event loops.
    package var host: String
    /// The TLS server name (SNI and the name the certificate must match) when it is not `host`:
    /// a call through a VPC link connects to the link's target but verifies the URI's host.
    package var serverName: String?
    /// The contexts to open a TLS connection with instead of the client's own (`HTTPClient.
    /// Configuration.tls`): the ones presenting a stage's client certificate to the upstream.
    /// Connections are pooled apart by its `clientCertificateId`. nil: the client's.
    package var clientTLS: TLSClientContexts?
    /// The stage's client certificate an integration call must present (`clientCertificateId`);
    /// the node's invoker resolves it into `clientTLS` and fails the call when it cannot.
    package var clientCertificateId: String?
    package var port: Int
    package var method: HTTPMethod
    /// Origin-form target (`/path?query`).
    package var target: String
    /// Fields to send. `Host` is added when missing; framing fields are computed from `body`.
    package var headers: HTTPHeaders
    package var body: [UInt8]
    /// Time allowed to establish the TCP connection (not counting DNS).
    package var connectTimeout: Duration
    /// Time allowed from sending the request to receiving the whole response.
    package var responseTimeout: Duration

    package init(
        isTLS: Bool = false, host: String, port: Int, method: HTTPMethod = .GET, target: String = "/",
        headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
        connectTimeout: Duration = .seconds(5), responseTimeout: Duration = .seconds(30)
    ) {
        self.isTLS = isTLS
        self.host = host
        self.port = port
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.responseTimeout = responseTimeout
    }

    /// `host:port` and the TLS mode, the key of the keep-alive pool: a connection whose peer was
    /// not verified is never reused for a request that verifies.
    var poolKey: HTTPClientPool.Key {
        HTTPClientPool.Key(host: host, port: port, tls: isTLS ? (verifiesPeer ? .verified : .unverified) : .plain,
                           serverName: isTLS ? serverName : nil, clientCertificateId: isTLS ? clientTLS?.clientCertificateId : nil)
    }

    /// The request's head on the wire, with `Host` added when the caller did not set one and
    /// `Content-Length` for `body`; the body follows as it is, so a sender can queue a large one
    /// by reference instead of copying it behind the head.
    func writeHead(into out: inout [UInt8]) {
        var head = HTTPRequestHead(method: method, target: target, version: .http1_1, headers: headers)
        if !head.headers.contains("host") {
            let name = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
            head.headers.add("Host", port == (isTLS ? 443 : 80) ? name : "\(name):\(port)")
        }
        HTTPSerializer.writeRequestHead(head, contentLength: body.count, into: &out)
    }
}
