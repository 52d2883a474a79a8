/// Connection-management facts derived from a request head (RFC 9112 §9.3, RFC 9110 §10.1.1).
extension HTTPRequestHead {
    /// Whether the connection may carry another request after this one: HTTP/1.1 unless a
    /// Connection field lists `close`; HTTP/1.0 only when it lists `keep-alive` (and not `close`).
    package var isKeepAlive: Bool {
        HTTPConnectionOptions.isKeepAlive(version: version, headers: headers)
    }

    /// Whether the client sent `Expect: 100-continue` (case-insensitive) and waits for an interim
    /// `100 Continue` before sending its body. HTTP/1.0 clients cannot, so it is false for them.
    package var expectsContinue: Bool {
        guard version == .http1_1 else { return false }
        for field in headers.fields where HTTPHeaders.equalsIgnoringCase(field.name, "expect") {
            if HTTPSyntax.listContains(field.value, "100-continue") { return true }
        }
        return false
    }
}

extension HTTPResponseHead {
    /// Whether the connection may carry another exchange after this response (same rules as requests).
    package var isKeepAlive: Bool {
        HTTPConnectionOptions.isKeepAlive(version: version, headers: headers)
    }
}

/// Reads the options of `Connection` fields.
enum HTTPConnectionOptions {
    static func isKeepAlive(version: HTTPVersion, headers: HTTPHeaders) -> Bool {
        var keepAlive = false
        for field in headers.fields where HTTPHeaders.equalsIgnoringCase(field.name, "connection") {
            if HTTPSyntax.listContains(field.value, "close") { return false }
            if HTTPSyntax.listContains(field.value, "keep-alive") { keepAlive = true }
        }
        if version == .http1_1 { return true }
        return version == .http1_0 && keepAlive
    }
}
