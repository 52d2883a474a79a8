import COpenSSL

/// Mutual TLS on a custom domain name (issue 15): a server context from PEM in memory that
/// requires every client to present a certificate verifying against the domain's truststore.
extension TLSContext {
    /// A server context like `init(certificatePEM:chainPEM:privateKeyPEM:)` that asks for a client
    /// certificate, names the truststore's certificates as acceptable issuers, and fails the
    /// handshake of a client that sends none or one that does not verify against `truststorePEM`
    /// (`SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT`). `sessionScope` (the domain name)
    /// and the truststore make the context's session id context, so a session resumes only on the
    /// same domain with the same truststore — never one made elsewhere without a certificate.
    /// Throws `.configuration` when the truststore holds no PEM certificate. Off the event loops.
    package convenience init(certificatePEM: String, chainPEM: String?, privateKeyPEM: String, truststorePEM: String,
                             sessionScope: String) throws(TLSError) {
        try self.init(certificatePEM: certificatePEM, chainPEM: chainPEM, privateKeyPEM: privateKeyPEM)
        let certificates = Self.readCertificates(truststorePEM)
        defer { certificates.forEach { X509_free($0) } }
        guard !certificates.isEmpty, let store = SSL_CTX_get_cert_store(pointer) else {
            throw .configuration("the truststore holds no PEM certificate")
        }
        for certificate in certificates {
            // Both copy or up-ref the certificate; a duplicate in the bundle is not an error worth failing on.
            _ = X509_STORE_add_cert(store, certificate)
            _ = SSL_CTX_add_client_CA(pointer, certificate)
        }
        ERR_clear_error()
        SSL_CTX_set_verify(pointer, Self.clientCertificateRequired, nil)
        let scope = Digest.sha256(Array(("tollgate/mtls/" + sessionScope.lowercased() + "\n" + truststorePEM).utf8))
        guard SSL_CTX_set_session_id_context(pointer, scope, UInt32(scope.count)) == 1 else {
            throw .configuration("cannot set the session id context: \(Self.drainErrors())")
        }
    }

    /// The verify mode of a context that requires client certificates.
    static let clientCertificateRequired = SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT

    /// Whether this context requires client certificates (mutual TLS).
    package var requiresClientCertificate: Bool {
        SSL_CTX_get_verify_mode(pointer) & SSL_VERIFY_FAIL_IF_NO_PEER_CERT != 0
    }
}
