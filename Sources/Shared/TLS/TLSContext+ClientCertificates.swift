import COpenSSL

/// Client certificates on both sides (issue 15): a client context that presents one to upstreams
/// that require it (a stage's `clientCertificateId`), and a server context that requires one.
extension TLSContext {
    /// A client context like `init(clientVerifyingPeer:caFile:)` that also presents
    /// `certificatePEM` signed with `privateKeyPEM` when the server asks for a certificate.
    package convenience init(clientVerifyingPeer verifyPeer: Bool, caFile: String? = nil, certificatePEM: String,
                             privateKeyPEM: String, protocols: ProtocolRange = .tls12AndLater) throws(TLSError) {
        try self.init(clientVerifyingPeer: verifyPeer, caFile: caFile, protocols: protocols)
        try usePEM(certificatePEM: certificatePEM, chainPEM: nil, privateKeyPEM: privateKeyPEM)
    }

    /// A server context from files, like `init(certificateChainFile:privateKeyFile:)`, that
    /// requires every client to present a certificate that verifies against the PEM bundle
    /// `clientCAFile`; a client without one, or with another, fails the handshake.
    package convenience init(certificateChainFile: String, privateKeyFile: String,
                             requiringClientCertificatesFrom clientCAFile: String) throws(TLSError) {
        try self.init(certificateChainFile: certificateChainFile, privateKeyFile: privateKeyFile)
        guard SSL_CTX_load_verify_locations(pointer, clientCAFile, nil) == 1 else {
            throw .configuration("cannot load client CA certificates \(clientCAFile): \(Self.drainErrors())")
        }
        SSL_CTX_set_verify(pointer, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
    }
}
