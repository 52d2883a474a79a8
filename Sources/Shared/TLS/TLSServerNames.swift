import COpenSSL

/// The custom domain names a TLS listener serves by SNI: one server `TLSContext` per name, with
/// the name's security policy (issue 15).
///
/// Immutable once built (off the event loops, when a snapshot applies) and handed to every loop
/// (`HTTPServer.updateServerNames`); a new snapshot builds a new table, and each `TLSSession`
/// keeps the table it started with, so open connections are never touched. Names are matched
/// exactly and case-insensitively (no wildcards); a ClientHello without SNI or with a name not in
/// the table stays on the listener's default context (`--tls-cert`) and its TLS 1.2 minimum.
package final class TLSServerNames: Sendable {
    /// One name's context and policy.
    package struct Entry: Sendable {
        package let context: TLSContext
        package let policy: TLSSecurityPolicy
        /// Whether the context requires a client certificate (mutual TLS), read once here.
        package let requiresClientCertificate: Bool

        package init(context: TLSContext, policy: TLSSecurityPolicy) {
            self.context = context
            self.policy = policy
            requiresClientCertificate = context.requiresClientCertificate
        }
    }

    /// By lowercased name.
    private let entries: [String: Entry]
    /// Lowercased name by context address (`UInt(bitPattern:)` of the `SSL_CTX`), for the names
    /// whose contexts require client certificates.
    private let mutualNames: [UInt: String]

    /// `entries` keyed by domain name (any case).
    package init(_ entries: [String: Entry]) {
        self.entries = Dictionary(entries.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        mutualNames = Dictionary(self.entries.filter(\.value.requiresClientCertificate).map { (UInt(bitPattern: $0.value.context.pointer), $0.key) },
                                 uniquingKeysWith: { first, _ in first })
    }

    /// The (lowercased) name whose mutual TLS context `pointer` is, or nil. Not by SNI: libssl
    /// does not report the SNI name of a resumed TLS 1.2 session on the server, but the context
    /// the ClientHello callback switched to is always known.
    func mutualName(forContext pointer: OpaquePointer?) -> String? {
        guard let pointer else { return nil }
        return mutualNames[UInt(bitPattern: pointer)]
    }

    package var count: Int { entries.count }

    /// The entry for an SNI name (exact, case-insensitive), or nil.
    package func entry(for serverName: String) -> Entry? { entries[serverName.lowercased()] }

    // MARK: - The ClientHello callback

    /// libssl's ClientHello callback, installed on every server context (`TLSContext.finishServer`):
    /// runs before the protocol version and certificate are chosen, so switching the context and
    /// the minimum version here decides both. The table comes from the session's app data
    /// (`TLSSession.init(context:serverNames:)`); without one, or without a known name, nothing
    /// changes. Runs on the connection's loop, inside `SSL_do_handshake`.
    static func selectContext(_ ssl: OpaquePointer?, alert: UnsafeMutablePointer<Int32>?) -> Int32 {
        guard let ssl, let data = SSL_get_ex_data(ssl, 0) else { return SSL_CLIENT_HELLO_SUCCESS }
        // Safe: the session stores an unretained pointer to the table it holds for its whole life.
        let names = Unmanaged<TLSServerNames>.fromOpaque(data).takeUnretainedValue()
        var extensionBytes: UnsafePointer<UInt8>?
        var length = 0
        guard SSL_client_hello_get0_ext(ssl, UInt32(TLSEXT_TYPE_server_name), &extensionBytes, &length) == 1,
              let extensionBytes else { return SSL_CLIENT_HELLO_SUCCESS }
        // Safe: libssl points at the extension's `length` bytes inside the ClientHello it holds.
        guard let name = serverName(inExtension: UnsafeBufferPointer(start: extensionBytes, count: length)),
              let entry = names.entry(for: name) else { return SSL_CLIENT_HELLO_SUCCESS }
        guard SSL_set_SSL_CTX(ssl, entry.context.pointer) != nil else {
            alert?.pointee = Int32(SSL_AD_INTERNAL_ERROR)
            return SSL_CLIENT_HELLO_ERROR
        }
        if entry.requiresClientCertificate {
            // SSL_set_SSL_CTX leaves the session's verify mode as the default context set it
            // (none): mutual TLS must be asked for on the session itself. The trust store is read
            // from the session's context, which is now the domain's.
            SSL_set_verify(ssl, TLSContext.clientCertificateRequired, nil)
        }
        switch entry.policy {
        case .tls12:
            // SSL_set_min_proto_version is a macro over SSL_ctrl.
            _ = SSL_ctrl(ssl, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_2_VERSION), nil)
        case .tls10:
            // After SSL_set_SSL_CTX, which copies the context's security level into the session.
            SSL_set_security_level(ssl, 0)
            _ = SSL_ctrl(ssl, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_VERSION), nil)
            _ = SSL_set_cipher_list(ssl, TLSContext.modernCiphers + ":" + TLSSecurityPolicy.legacyCiphers)
        }
        return SSL_CLIENT_HELLO_SUCCESS
    }

    /// The host name of a `server_name` extension's body (RFC 6066 §3: a 2-byte list length, then
    /// entries of a 1-byte type and a 2-byte length; type 0 is a host name), or nil when it is
    /// malformed, holds no host name, or the name is empty or not ASCII. Pure.
    package static func serverName(inExtension bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count >= 2 else { return nil }
        let listLength = Int(bytes[0]) << 8 | Int(bytes[1])
        guard listLength == bytes.count - 2 else { return nil }
        var index = 2
        while index + 3 <= bytes.count {
            let type = bytes[index]
            let length = Int(bytes[index + 1]) << 8 | Int(bytes[index + 2])
            let start = index + 3
            guard start + length <= bytes.count else { return nil }
            if type == 0 {
                let name = bytes[start ..< start + length]
                guard !name.isEmpty, name.allSatisfy({ $0 > 0x20 && $0 < 0x7f }) else { return nil }
                return String(decoding: name, as: UTF8.self)
            }
            index = start + length
        }
        return nil
    }
}
