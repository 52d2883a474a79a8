import Shared

/// What the network layer knows about the client connection a request arrived on.
package struct ClientConnection: Sendable, Equatable {
    /// The peer's IP address (`$context.identity.sourceIp`, `X-Forwarded-For`).
    package var remoteAddress: String
    package var remotePort: Int
    /// The port the request was received on (`X-Forwarded-Port`).
    package var localPort: Int
    /// Whether the client connection is TLS (`X-Forwarded-Proto`).
    package var isTLS: Bool
    /// The client certificate a mutual TLS domain verified on the connection
    /// (`$context.identity.clientCert`), nil otherwise.
    package var clientCertificate: TLSClientCertificate?

    package init(remoteAddress: String, remotePort: Int = 0, localPort: Int, isTLS: Bool = false,
                 clientCertificate: TLSClientCertificate? = nil) {
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.localPort = localPort
        self.isTLS = isTLS
        self.clientCertificate = clientCertificate
    }
}
