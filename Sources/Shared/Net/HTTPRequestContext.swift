/// Facts about a request that are not in its bytes: who sent it, where, on which loop, when.
package struct HTTPRequestContext: Sendable {
    /// The peer's numeric address (`127.0.0.1`, `::1`).
    package var remoteAddress: String
    package var remotePort: Int
    /// The port the request arrived on.
    package var localPort: Int
    /// Whether the connection is TLS (a `--tls-listen` listener): `aws:SecureTransport`,
    /// `X-Forwarded-Proto`.
    package var isTLS: Bool
    /// The client certificate a custom domain's truststore verified (mutual TLS), read once when
    /// the connection's handshake completed; nil otherwise (`$context.identity.clientCert`).
    package var clientCertificate: TLSClientCertificate?
    /// The loop running the connection; schedule timers here to avoid hops.
    package var eventLoop: EventLoop
    /// Monotonic nanoseconds (`CLOCK_MONOTONIC`) at which the last bytes of the request were read.
    package var receivedAtNanos: UInt64

    package init(remoteAddress: String, remotePort: Int, localPort: Int, isTLS: Bool = false, eventLoop: EventLoop,
                 receivedAtNanos: UInt64) {
        self.isTLS = isTLS
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.localPort = localPort
        self.eventLoop = eventLoop
        self.receivedAtNanos = receivedAtNanos
    }
}
