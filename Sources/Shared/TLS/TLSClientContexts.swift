/// The two client contexts `HTTPClient` uses for `https` upstreams (issue 15): one verifying the
/// peer's certificate chain and host name against the system CA store plus an optional extra CA
/// file (`--ca-file`, private CAs and tests), one that verifies nothing
/// (`tlsConfig.insecureSkipVerification` on an integration).
///
/// Built once off the event loops (files are read here) and shared read-only by every loop, like
/// every `TLSContext`.
package struct TLSClientContexts: Sendable {
    package let verifying: TLSContext
    package let unverified: TLSContext
    /// The extra CA bundle trusted besides the system store, if any.
    package let caFile: String?

    /// Loads the system store (OpenSSL's default paths) and `caFile` when given.
    package init(caFile: String? = nil) throws(TLSError) {
        verifying = try TLSContext(clientVerifyingPeer: true, caFile: caFile)
        unverified = try TLSContext(clientVerifyingPeer: false)
        self.caFile = caFile
    }

    /// The system store only, built on first use; nil if libssl could not build a client context.
    package static let system: TLSClientContexts? = try? TLSClientContexts()

    /// The context for a request that does (or, skipping verification, does not) check its peer.
    package func context(verifyingPeer: Bool) -> TLSContext {
        verifyingPeer ? verifying : unverified
    }
}
