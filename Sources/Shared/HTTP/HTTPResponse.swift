/// The head of an HTTP response.
package struct HTTPResponseHead: Sendable, Equatable {
    package var status: Int
    /// The reason phrase; nil means "use the standard phrase for `status`".
    package var reason: String?
    package var version: HTTPVersion
    package var headers: HTTPHeaders

    package init(status: Int, reason: String? = nil, version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.reason = reason
        self.version = version
        self.headers = headers
    }
}

/// A complete HTTP response with a buffered body.
///
/// The server computes framing (`Content-Length` or chunked) itself; handlers should not set
/// `Content-Length`/`Transfer-Encoding`, and anything they set there is replaced.
package struct HTTPResponse: Sendable, Equatable {
    package var head: HTTPResponseHead
    package var body: [UInt8]

    package init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.head = HTTPResponseHead(status: status, headers: headers)
        self.body = body
    }

    package init(head: HTTPResponseHead, body: [UInt8] = []) {
        self.head = head
        self.body = body
    }

    package var status: Int {
        get { head.status }
        set { head.status = newValue }
    }

    package var headers: HTTPHeaders {
        get { head.headers }
        set { head.headers = newValue }
    }
}
