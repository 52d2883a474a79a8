import COpenSSL

/// One libssl `SSL_CTX`: the certificate, key, protocol range, ciphers and ALPN for a listener
/// (server) or for outgoing calls (client). The only place in Tollgate that creates one.
///
/// Contract: built once off the event loops (startup, SIGHUP reload), then shared read-only by
/// every loop — libssl documents an `SSL_CTX` as safe to create `SSL` objects from on several
/// threads at once. Sharing one context across the loops also shares its session-ticket keys, so
/// a client resumes on whichever loop accepts it. A reload builds a new context and swaps the
/// reference (`TLSContextSlot`); open connections keep the context they started with (each
/// `SSL` holds a reference), so nothing is dropped.
///
/// Defaults: TLS 1.2 minimum (1.3 preferred), ECDHE with AES-GCM or ChaCha20-Poly1305 for 1.2,
/// libssl's TLS 1.3 suites, no renegotiation, no compression, ALPN `http/1.1` only.
// Safe: the SSL_CTX is configured fully in `init` and never mutated after, which libssl
// documents as safe for concurrent `SSL_new`.
package final class TLSContext: @unchecked Sendable {
    let pointer: OpaquePointer
    package let isServer: Bool

    /// The TLS 1.2 cipher list: forward secrecy and AEAD only (Mozilla's "intermediate" set).
    package static let modernCiphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"

    /// The protocol range a context allows.
    package enum ProtocolRange: Sendable {
        /// TLS 1.2 and 1.3 (the default).
        case tls12AndLater
        /// TLS 1.3 only.
        case tls13Only
        /// TLS 1.2 only (tests and peers that cannot do 1.3).
        case tls12Only
        /// TLS 1.1 only, at security level 0 with the legacy CBC suites OpenSSL 3 needs for it:
        /// tests use it as the old client a custom domain's `securityPolicy` lets in or refuses.
        case tls11Only
    }

    /// A server context from a PEM certificate chain file and a PEM private key file.
    package convenience init(certificateChainFile: String, privateKeyFile: String,
                             protocols: ProtocolRange = .tls12AndLater) throws(TLSError) {
        try self.init(server: true, protocols: protocols)
        try configureServer(certificateChainFile: certificateChainFile, privateKeyFile: privateKeyFile)
    }

    /// A client context that verifies peers against the system store (`/etc/ssl/certs`, OpenSSL's
    /// default paths) plus `caFile` (a PEM bundle) when given; `verifyPeer: false` is
    /// `tlsConfig.insecureSkipVerification` (no CA is loaded).
    package convenience init(clientVerifyingPeer verifyPeer: Bool, caFile: String? = nil,
                             protocols: ProtocolRange = .tls12AndLater) throws(TLSError) {
        try self.init(server: false, protocols: protocols)
        SSL_CTX_set_verify(pointer, verifyPeer ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nil)
        if verifyPeer {
            guard SSL_CTX_set_default_verify_paths(pointer) == 1 else {
                throw .configuration("cannot load the system CA store: \(Self.drainErrors())")
            }
            if let caFile, SSL_CTX_load_verify_locations(pointer, caFile, nil) != 1 {
                throw .configuration("cannot load CA certificates \(caFile): \(Self.drainErrors())")
            }
        }
        // ALPN offer: length-prefixed "http/1.1". Returns 0 on success (unlike most of libssl).
        let offer: [UInt8] = [8] + Array("http/1.1".utf8)
        guard SSL_CTX_set_alpn_protos(pointer, offer, UInt32(offer.count)) == 0 else {
            throw .configuration("cannot set ALPN: \(Self.drainErrors())")
        }
    }

    /// An empty context of the given side and range; the initialisers above and
    /// `TLSContext+PEM` configure it before it is shared.
    init(server: Bool, protocols: ProtocolRange) throws(TLSError) {
        guard let context = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method()) else {
            throw .configuration("SSL_CTX_new: \(Self.drainErrors())")
        }
        pointer = context
        isServer = server
        let (minimum, maximum): (Int32, Int32) = switch protocols {
        case .tls12AndLater: (TLS1_2_VERSION, 0)
        case .tls13Only: (TLS1_3_VERSION, TLS1_3_VERSION)
        case .tls12Only: (TLS1_2_VERSION, TLS1_2_VERSION)
        case .tls11Only: (TLS1_1_VERSION, TLS1_1_VERSION)
        }
        // SSL_CTX_set_min/max_proto_version are macros over SSL_CTX_ctrl.
        guard SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(minimum), nil) == 1,
              SSL_CTX_ctrl(context, SSL_CTRL_SET_MAX_PROTO_VERSION, Int(maximum), nil) == 1 else {
            throw .configuration("cannot set the protocol range: \(Self.drainErrors())")
        }
        if protocols == .tls11Only { SSL_CTX_set_security_level(context, 0) }
        let ciphers = protocols == .tls11Only ? TLSSecurityPolicy.legacyCiphers : Self.modernCiphers
        guard SSL_CTX_set_cipher_list(context, ciphers) == 1 else {
            throw .configuration("cannot set ciphers: \(Self.drainErrors())")
        }
        // SSL_OP_NO_RENEGOTIATION (bit 30) and SSL_OP_NO_COMPRESSION (bit 17): `SSL_OP_BIT(n)`
        // macros that Swift does not import (openssl/ssl.h).
        _ = SSL_CTX_set_options(context, (1 << 30) | (1 << 17))
    }

    deinit { SSL_CTX_free(pointer) }

    private func configureServer(certificateChainFile: String, privateKeyFile: String) throws(TLSError) {
        guard SSL_CTX_use_certificate_chain_file(pointer, certificateChainFile) == 1 else {
            throw .configuration("cannot load certificate \(certificateChainFile): \(Self.drainErrors())")
        }
        guard SSL_CTX_use_PrivateKey_file(pointer, privateKeyFile, SSL_FILETYPE_PEM) == 1 else {
            throw .configuration("cannot load private key \(privateKeyFile): \(Self.drainErrors())")
        }
        try finishServer()
    }

    /// Checks the loaded key against the certificate and installs the server callbacks: ALPN
    /// selection and the ClientHello callback that picks a custom domain's context by SNI
    /// (`TLSServerNames`; a session without a table of names is left on this context).
    func finishServer() throws(TLSError) {
        guard SSL_CTX_check_private_key(pointer) == 1 else {
            throw .configuration("the private key does not match the certificate: \(Self.drainErrors())")
        }
        SSL_CTX_set_client_hello_cb(pointer, { ssl, alert, _ in TLSServerNames.selectContext(ssl, alert: alert) }, nil)
        SSL_CTX_set_alpn_select_cb(pointer, { _, out, outLength, offered, offeredLength, _ in
            guard let out, let outLength, let offered else { return SSL_TLSEXT_ERR_NOACK }
            // Safe: libssl hands the client's length-prefixed list, `offeredLength` bytes long;
            // the selection points into that list, which libssl allows.
            let list = UnsafeBufferPointer(start: offered, count: Int(offeredLength))
            var index = 0
            while index < list.count {
                let length = Int(list[index])
                let start = index + 1
                guard start + length <= list.count else { break }
                if TLSContext.isHTTP11(UnsafeBufferPointer(rebasing: list[start ..< start + length])) {
                    out.pointee = offered + start
                    outLength.pointee = UInt8(length)
                    return SSL_TLSEXT_ERR_OK
                }
                index = start + length
            }
            // A client that offers only h2 (or anything else) gets no ALPN: HTTP/1.1 is assumed.
            return SSL_TLSEXT_ERR_NOACK
        }, nil)
    }

    static func isHTTP11(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        name.elementsEqual("http/1.1".utf8)
    }

    /// Empties this thread's libssl error queue, returning its entries as text.
    static func drainErrors() -> String {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return reasons.isEmpty ? "no libssl error queued" : reasons.joined(separator: "; ")
    }
}
