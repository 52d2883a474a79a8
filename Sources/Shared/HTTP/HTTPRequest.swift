/// The head of an HTTP request: request line and header fields, as parsed.
package struct HTTPRequestHead: Sendable, Equatable {
    package var method: HTTPMethod
    /// The request-target exactly as sent (origin-form `/a/b?x=1`, absolute-form, `*`, …).
    package var target: String
    package var version: HTTPVersion
    package var headers: HTTPHeaders

    package init(method: HTTPMethod, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders()) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
    }

    /// The path part of `target` (before `?`), still percent-encoded.
    package var path: Substring {
        // Searched as UTF-8 bytes: `?` is ASCII, and Character search pays for grapheme breaking.
        if let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) { return target[..<q] }
        return target[...]
    }

    /// The raw query (after `?`, without it), or nil when there is none.
    package var query: Substring? {
        guard let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        return target[target.utf8.index(after: q)...]
    }
}

/// A complete HTTP request: head plus the whole body (bodies are bounded by `HTTPLimits.maxBodyBytes`).
package struct HTTPRequest: Sendable, Equatable {
    package var head: HTTPRequestHead
    package var body: [UInt8]

    package init(head: HTTPRequestHead, body: [UInt8] = []) {
        self.head = head
        self.body = body
    }

    package var method: HTTPMethod { head.method }
    package var target: String { head.target }
    package var headers: HTTPHeaders { head.headers }
}
