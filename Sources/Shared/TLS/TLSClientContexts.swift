/// The two client contexts `HTTPClient` uses for `https` upstreams (issue 15): one verifying the
/// peer's certificate chain and host name against the system CA store plus an optional extra CA
/// file (`--ca-file`, private CAs and tests), one that verifies nothing
/// (`tlsConfig.insecureSkipVerification` on an integration).
///
/// Built once off the event loops (files are read here) and shared read-only by every loop, like
/// every `TLSContext`.
package struct TLSClientContexts: Sendable, Equatable {
    package let verifying: TLSContext
    package let unverified: TLSContext
    /// The extra CA bundle trusted besides the system store, if any.
    package let caFile: String?
    /// The id of the client certificate both contexts present (nil: none). Pooled connections
    /// are kept apart by it (`HTTPClientPool.Key`), so a connection that presented one
    /// certificate is never reused by a call with another or with none.
    package let clientCertificateId: String?

    /// Loads the system store (OpenSSL's default paths) and `caFile` when given.
    package init(caFile: String? = nil) throws(TLSError) {
        verifying = try TLSContext(clientVerifyingPeer: true, caFile: caFile)
        unverified = try TLSContext(clientVerifyingPeer: false)
        self.caFile = caFile
        clientCertificateId = nil
    }

    /// The same two contexts presenting a client certificate (an API Gateway client certificate,
    /// `id`, PEM certificate and unencrypted key) to upstreams that ask for one.
    package init(caFile: String? = nil, clientCertificateId id: String, certificatePEM: String, privateKeyPEM: String) throws(TLSError) {
        verifying = try TLSContext(clientVerifyingPeer: true, caFile: caFile, certificatePEM: certificatePEM, privateKeyPEM: privateKeyPEM)
        unverified = try TLSContext(clientVerifyingPeer: false, certificatePEM: certificatePEM, privateKeyPEM: privateKeyPEM)
        self.caFile = caFile
        clientCertificateId = id
    }

    /// The system store only, built on first use; nil if libssl could not build a client context.
    package static let system: TLSClientContexts? = try? TLSClientContexts()

    /// The context for a request that does (or, skipping verification, does not) check its peer.
    package func context(verifyingPeer: Bool) -> TLSContext {
        verifyingPeer ? verifying : unverified
    }

    /// The same contexts (by identity) and client certificate.
    package static func == (lhs: TLSClientContexts, rhs: TLSClientContexts) -> Bool {
        lhs.verifying === rhs.verifying && lhs.unverified === rhs.unverified && lhs.clientCertificateId == rhs.clientCertificateId
    }
}
