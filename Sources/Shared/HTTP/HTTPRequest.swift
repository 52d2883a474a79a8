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
        if let q = queryMark { return target[..<q] }
        return target[...]
    }

    /// The raw query (after `?`, without it), or nil when there is none.
    package var query: Substring? {
        guard let q = queryMark else { return nil }
        return target[target.utf8.index(after: q)...]
    }

    /// Where the first `?` of `target` is. Searched as UTF-8 bytes (`?` is ASCII; Character search
    /// pays for grapheme breaking), over the contiguous buffer when there is one: the generic
    /// `utf8.firstIndex(of:)` cost ~450 instructions a call, and a proxied request asks for `path`
    /// and `query` twice each (bench/instructions.sh, ~1,800 of 130,100 instructions per request).
    private var queryMark: String.Index? {
        let utf8 = target.utf8
        if let offset = utf8.withContiguousStorageIfAvailable({ $0.firstIndex(of: UInt8(ascii: "?")) }) {
            // An offset into the contiguous UTF-8 of `target` is a valid index of its UTF-8 view.
            return offset.map { utf8.index(utf8.startIndex, offsetBy: $0) }
        }
        return utf8.firstIndex(of: UInt8(ascii: "?"))
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
