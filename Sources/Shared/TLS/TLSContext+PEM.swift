import COpenSSL

/// Contexts from PEM text in memory: a custom domain's uploaded certificate, its chain and
/// its private key as the snapshot carries them (the key opened from its seal by the node), so
/// the key never touches a file.
extension TLSContext {
    /// A server context presenting `certificatePEM` (the leaf) followed by the certificates of
    /// `chainPEM` (intermediates, in order), signed with `privateKeyPEM` (unencrypted; an
    /// encrypted key fails rather than prompting). Throws `.configuration` naming what did not
    /// load or that the key does not match. Builds off the event loops, like every context.
    package convenience init(certificatePEM: String, chainPEM: String?, privateKeyPEM: String,
                             protocols: ProtocolRange = .tls12AndLater) throws(TLSError) {
        try self.init(server: true, protocols: protocols)
        try usePEM(certificatePEM: certificatePEM, chainPEM: chainPEM, privateKeyPEM: privateKeyPEM)
        try finishServer()
    }

    /// Loads a PEM leaf, its chain and its key into this context (server or client) and checks
    /// that the key is the certificate's. Only while the context is being built.
    func usePEM(certificatePEM: String, chainPEM: String?, privateKeyPEM: String) throws(TLSError) {
        ERR_clear_error()
        let certificates = Self.readCertificates(certificatePEM) + (chainPEM.map(Self.readCertificates) ?? [])
        guard let leaf = certificates.first else {
            throw .configuration("cannot read the certificate: \(Self.drainErrors())")
        }
        defer { X509_free(leaf) }
        guard SSL_CTX_use_certificate(pointer, leaf) == 1 else {
            certificates.dropFirst().forEach { X509_free($0) }
            throw .configuration("cannot use the certificate: \(Self.drainErrors())")
        }
        var rest = certificates.dropFirst()
        while let next = rest.popFirst() {
            // SSL_CTX_add_extra_chain_cert is a macro over SSL_CTX_ctrl; it takes ownership on success.
            guard SSL_CTX_ctrl(pointer, SSL_CTRL_EXTRA_CHAIN_CERT, 0, UnsafeMutableRawPointer(next)) == 1 else {
                X509_free(next)
                rest.forEach { X509_free($0) }
                throw .configuration("cannot add a chain certificate: \(Self.drainErrors())")
            }
        }
        let key = Self.withMemoryBIO(privateKeyPEM) { bio in
            // A passphrase callback that supplies none, so an encrypted key fails instead of prompting.
            PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
        }
        guard let key else { throw .configuration("cannot read the private key: \(Self.drainErrors())") }
        defer { EVP_PKEY_free(key) }
        guard SSL_CTX_use_PrivateKey(pointer, key) == 1 else {
            throw .configuration("cannot use the private key: \(Self.drainErrors())")
        }
        guard SSL_CTX_check_private_key(pointer) == 1 else {
            throw .configuration("the private key does not match the certificate: \(Self.drainErrors())")
        }
    }

    /// Every PEM certificate in `text`, in order (owned by the caller); none when it holds none.
    static func readCertificates(_ text: String) -> [OpaquePointer] {
        withMemoryBIO(text) { bio in
            var found: [OpaquePointer] = []
            while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) { found.append(certificate) }
            ERR_clear_error()  // the end of the text is queued as "no start line"
            return found
        }
    }

    /// Runs `body` with a read-only memory BIO over the UTF-8 of `text`.
    private static func withMemoryBIO<T>(_ text: String, _ body: (OpaquePointer) -> T?) -> T? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { buffer -> T? in
            // Safe: the BIO only reads the buffer, and is freed before the closure returns.
            guard let base = buffer.baseAddress, let bio = BIO_new_mem_buf(base, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return body(bio)
        }
    }

    private static func withMemoryBIO(_ text: String, _ body: (OpaquePointer) -> [OpaquePointer]) -> [OpaquePointer] {
        withMemoryBIO(text) { bio -> [OpaquePointer]? in body(bio) } ?? []
    }
}
