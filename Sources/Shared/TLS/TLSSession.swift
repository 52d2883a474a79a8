import COpenSSL

/// One TLS connection's state machine over two memory BIOs: no socket, no clock, no I/O.
///
/// Ciphertext from the peer goes in with `receive(_:)`; ciphertext to send comes out with
/// `takeOutput(into:)`; in between, `handshake()`, `read(into:)`, `write(_:)` and `shutdown()`
/// advance libssl and answer what they need (`.needsInput` when libssl wants more bytes from the
/// peer). A memory BIO never blocks on the sending side, so "wants writable" only ever means
/// "flush `takeOutput` first" — `TLSTransport` does that on the socket, tests do it by handing
/// the bytes to the other side. Loop-confined, like the connection that owns it.
package final class TLSSession {
    /// What a step of the state machine produced.
    package enum Step: Equatable {
        /// The step finished and moved this many plaintext bytes (0 for handshake/shutdown: done;
        /// 0 for a read: the peer sent `close_notify`).
        case done(Int)
        /// libssl needs more ciphertext from the peer (`receive`) before it can go on.
        case needsInput
    }

    private let ssl: OpaquePointer
    /// Ciphertext from the peer, read by libssl (owned by `ssl` after `SSL_set_bio`).
    private let inbound: OpaquePointer
    /// Ciphertext for the peer, written by libssl (owned by `ssl`).
    private let outbound: OpaquePointer
    package let context: TLSContext
    /// The custom domain names this server session may switch to by SNI (kept alive for as long
    /// as libssl may read it through the session's app data).
    private let serverNames: TLSServerNames?

    /// A session for `context`; `serverName` (client only) is sent as SNI and is the name the
    /// peer's certificate must carry when the context verifies peers. `serverNames` (server only)
    /// is the table the ClientHello callback picks a domain's context from (`TLSServerNames`).
    package init(context: TLSContext, serverName: String? = nil, serverNames: TLSServerNames? = nil) throws(TLSError) {
        guard let ssl = SSL_new(context.pointer) else { throw .configuration("SSL_new: \(TLSContext.drainErrors())") }
        guard let inbound = BIO_new(BIO_s_mem()), let outbound = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw .configuration("BIO_new: \(TLSContext.drainErrors())")
        }
        SSL_set_bio(ssl, inbound, outbound)
        // SSL_set_mode is a macro over SSL_ctrl. A write that libssl could not finish must be
        // repeated with the same bytes, and without this mode at the same address too;
        // `TLSTransport` re-gathers a repeated `writev` into its buffer, so the address rule is
        // lifted. (With memory BIOs libssl never stops a write halfway — the BIO takes every
        // record — so this is a guard, not a path that runs.) SSL_MODE_ENABLE_PARTIAL_WRITE stays
        // off: a write either encrypts all it was given or nothing, which is what the transport's
        // `acceptedWrite` count relies on; the transport bounds each write's size itself.
        _ = SSL_ctrl(ssl, SSL_CTRL_MODE, Int(SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER), nil)
        self.ssl = ssl
        self.inbound = inbound
        self.outbound = outbound
        self.context = context
        self.serverNames = context.isServer ? serverNames : nil
        if context.isServer {
            if let serverNames {
                // SSL_set_app_data (ex_data index 0). Safe: `self` holds the table as long as `ssl` lives.
                _ = SSL_set_ex_data(ssl, 0, Unmanaged.passUnretained(serverNames).toOpaque())
            }
            SSL_set_accept_state(ssl)
        } else {
            SSL_set_connect_state(ssl)
            if let serverName {
                // SSL_set_tlsext_host_name is a macro over SSL_ctrl; an IP literal is no SNI name.
                let isAddress = SocketAddress(ipLiteral: serverName, port: 0) != nil
                if !isAddress {
                    _ = serverName.withCString { SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, Int(TLSEXT_NAMETYPE_host_name), UnsafeMutableRawPointer(mutating: $0)) }
                }
                let checked = isAddress ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), serverName) : SSL_set1_host(ssl, serverName)
                guard checked == 1 else { throw .configuration("cannot set the expected host \(serverName): \(TLSContext.drainErrors())") }
            }
        }
    }

    deinit { SSL_free(ssl) }

    // MARK: - Ciphertext in and out

    /// Hands ciphertext read from the peer to libssl (a memory BIO takes all of it).
    package func receive(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        _ = BIO_write(inbound, base, Int32(bytes.count))
    }

    /// Bytes of ciphertext waiting to be sent to the peer.
    package var pendingOutput: Int { Int(BIO_ctrl_pending(outbound)) }

    /// Moves up to `buffer.count` bytes of ciphertext for the peer into `buffer`; returns how many.
    package func takeOutput(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress, !buffer.isEmpty, pendingOutput > 0 else { return 0 }
        return max(0, Int(BIO_read(outbound, base, Int32(min(buffer.count, Int(Int32.max))))))
    }

    // MARK: - Steps

    /// Advances the handshake.
    package func handshake() throws(TLSError) -> Step {
        ERR_clear_error()
        let result = SSL_do_handshake(ssl)
        if result == 1 { return .done(0) }
        return try blocked(result, during: .handshake)
    }

    /// Whether the handshake has completed.
    package var isEstablished: Bool { SSL_is_init_finished(ssl) == 1 }

    /// Decrypts into `buffer`: `.done(n)` plaintext bytes (0: the peer's `close_notify`).
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(TLSError) -> Step {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return .done(0) }
        ERR_clear_error()
        let result = SSL_read(ssl, base, Int32(min(buffer.count, Int(Int32.max))))
        if result > 0 { return .done(Int(result)) }
        if SSL_get_error(ssl, result) == SSL_ERROR_ZERO_RETURN { return .done(0) }
        return try blocked(result, during: .data)
    }

    /// Encrypts all of `buffer` into records waiting in `takeOutput` (never partial: a memory BIO
    /// takes every record, so libssl's retry-with-the-same-buffer rule never applies).
    package func write(_ buffer: UnsafeRawBufferPointer) throws(TLSError) -> Step {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return .done(0) }
        ERR_clear_error()
        let result = SSL_write(ssl, base, Int32(min(buffer.count, Int(Int32.max))))
        if result > 0 { return .done(Int(result)) }
        return try blocked(result, during: .data)
    }

    /// Queues `close_notify` for the peer (the reply is not awaited: HTTP closes after it).
    package func shutdown() {
        ERR_clear_error()
        _ = SSL_shutdown(ssl)
        ERR_clear_error()
    }

    // MARK: - What was negotiated

    /// The ALPN protocol both sides agreed on, or nil.
    package var negotiatedProtocol: String? {
        var name: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &name, &length)
        guard let name, length > 0 else { return nil }
        // Safe: libssl points at `length` bytes it owns for the life of `ssl`.
        return String(decoding: UnsafeBufferPointer(start: name, count: Int(length)), as: UTF8.self)
    }

    /// "TLSv1.2" or "TLSv1.3" once established.
    package var protocolVersion: String { String(cString: SSL_get_version(ssl)) }

    /// The SNI name the client sent (server side), or nil.
    package var requestedServerName: String? {
        guard let name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name) else { return nil }
        return String(cString: name)
    }

    /// The subject of the certificate the peer presented, in libssl's one-line form
    /// (`/CN=localhost`), or nil without one. Tests use it to see which certificate a server
    /// served (a reload).
    package var peerSubject: String? {
        guard let certificate = SSL_get1_peer_certificate(ssl) else { return nil }
        defer { X509_free(certificate) }
        var buffer = [CChar](repeating: 0, count: 512)
        // Safe: X509_NAME_oneline writes at most `buffer.count` bytes, NUL included, into it.
        guard X509_NAME_oneline(X509_get_subject_name(certificate), &buffer, Int32(buffer.count)) != nil else { return nil }
        return String(cString: buffer)
    }

    /// The SNI name that selected a custom domain's context for this (server) connection, or nil
    /// when it is on the listener's default context.
    package var selectedServerName: String? {
        guard let serverNames, let name = requestedServerName, let entry = serverNames.entry(for: name),
              SSL_get_SSL_CTX(ssl) == entry.context.pointer else { return nil }
        return name
    }

    /// Whether this connection resumed an earlier session (a ticket).
    package var isResumed: Bool { SSL_session_reused(ssl) == 1 }

    /// A client session's resumable state once established (nil before, or on a server), to offer
    /// on a later connection with `offer(_:)`: tests of what resumption may carry over.
    package var savedSession: TLSSavedSession? {
        guard !context.isServer, let session = SSL_get1_session(ssl) else { return nil }
        return TLSSavedSession(session)
    }

    /// Offers `saved` for resumption (client only, before the handshake starts).
    package func offer(_ saved: TLSSavedSession) {
        guard !context.isServer else { return }
        _ = SSL_set_session(ssl, saved.pointer)
    }

    /// The client certificate a custom domain's truststore verified on this (server) connection,
    /// or nil: no mutual TLS domain was selected by SNI, no certificate, or it did not verify
    /// (libssl fails such handshakes before this is read). Reads libssl once; call it when the
    /// handshake is done (`TLSTransport` does, once per connection).
    package var verifiedClientCertificate: TLSClientCertificate? {
        // The verify mode first: one field read, so connections without mutual TLS pay nothing more.
        guard context.isServer, SSL_get_verify_mode(ssl) & SSL_VERIFY_FAIL_IF_NO_PEER_CERT != 0, isEstablished,
              let domain = serverNames?.mutualName(forContext: SSL_get_SSL_CTX(ssl)), SSL_get_verify_result(ssl) == Int(X509_V_OK),
              let certificate = SSL_get1_peer_certificate(ssl) else { return nil }
        defer { X509_free(certificate) }
        return TLSClientCertificate.read(certificate, domain: domain)
    }

    // MARK: - Errors

    private enum Phase { case handshake, data }

    /// `.needsInput` for WANT_READ (and WANT_WRITE, which a memory BIO only raises when output
    /// is waiting), else the typed failure with libssl's reason.
    private func blocked(_ result: Int32, during phase: Phase) throws(TLSError) -> Step {
        let code = SSL_get_error(ssl, result)
        switch code {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return .needsInput
        default:
            let verification = SSL_get_verify_result(ssl)
            if phase == .handshake, verification != Int(X509_V_OK) {
                _ = TLSContext.drainErrors()
                throw .certificateVerification(String(cString: X509_verify_cert_error_string(verification)))
            }
            let reason = TLSContext.drainErrors()
            throw phase == .handshake ? .handshakeFailed(reason) : .protocolError(reason)
        }
    }
}

/// One `SSL_SESSION` a client kept (`TLSSession.savedSession`), owned here. Immutable once taken.
// Safe: libssl reference-counts the session and never changes it after the handshake that made it.
package final class TLSSavedSession: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { SSL_SESSION_free(pointer) }
}
