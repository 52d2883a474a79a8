/// An incremental, strict HTTP/1.1 request parser (RFC 9112). Pure and synchronous.
///
/// Feed bytes with `append`, then call `next()` until it returns nil ("need more bytes"). Each
/// request yields `.head`, zero or more `.body` parts and `.end`; pipelined requests follow one
/// another in the same buffer. A thrown `HTTPParseError` carries the status to answer
/// (`HTTPParseError.status`); afterwards the parser stays failed and the connection must close.
/// The shell is `HTTPMessageParser`, shared with responses; the request rules are `HTTPRequestGrammar`.
///
/// Choices where RFC 9112 leaves room:
/// - Lines must end in CRLF; a bare LF is refused (400) rather than tolerated (§2.2).
/// - Empty lines before a request line are skipped (§2.2); they count towards `maxHeaderBytes`.
/// - Components of the request line are separated by exactly one SP (§3).
/// - A request-target may only contain visible ASCII; anything else is refused (400).
/// - A request with Transfer-Encoding but HTTP/1.0 is refused (400) (§6.1 says its framing is faulty).
/// - Transfer codings other than `chunked` are not implemented (501); `chunked` must be last (400).
/// - A declared body over `maxBodyBytes` is refused (413) when the head completes, so a server can
///   answer before reading (or sending `100 Continue` for) the body.
///
/// Not thread-safe: a value owned by one connection on one event loop.
package typealias HTTPRequestParser = HTTPMessageParser<HTTPRequestGrammar>

extension HTTPMessageParser where Grammar == HTTPRequestGrammar {
    package init(limits: HTTPLimits = .default) {
        self.init(reader: HTTPMessageReader(limits: limits, isRequest: true), grammar: HTTPRequestGrammar())
    }

    /// Removes and returns every byte received and not consumed: once a connection is upgraded,
    /// what followed the request belongs to the new protocol, not to this parser.
    package mutating func takeBufferedBytes() -> [UInt8] {
        reader.takeAll()
    }
}

/// The request side of `HTTPMessageParser`: the request line, the Host rules and request framing
/// (no Content-Length and no Transfer-Encoding means no body).
package struct HTTPRequestGrammar: HTTPHeadGrammar {
    private struct RequestLine: Sendable {
        var method: HTTPMethod
        var target: String
        var version: HTTPVersion
    }

    /// The request line of the head being read, once it is complete.
    private var line: RequestLine?

    package var isIdle: Bool { line == nil }

    /// A request is never read until EOF.
    package var atEOF: Bool { false }

    package mutating func nextHead(_ reader: inout HTTPMessageReader) throws(HTTPParseError) -> HTTPRequestHead? {
        if line == nil {
            guard let range = try reader.nextStartLine(skippingEmptyLines: true, tooLong: .requestLineTooLong)
            else { return nil }
            line = try reader.withBytes(range) { (bytes) throws(HTTPParseError) in try Self.parseRequestLine(bytes) }
        }
        guard let line, let fields = try reader.nextFields() else { return nil }
        if fields.hostCount > 1 { throw .multipleHost }
        if fields.hostCount == 0 && line.version == .http1_1 { throw .missingHost }
        try reader.startBody(try fields.framing(version: line.version, withoutLength: .length(0)))
        self.line = nil
        return HTTPRequestHead(method: line.method, target: line.target, version: line.version, headers: fields.headers)
    }

    /// `method SP request-target SP HTTP-version`, single spaces, CRLF already removed.
    private static func parseRequestLine(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> RequestLine {
        var i = 0
        // Safe: every index is checked against line.count before it is read.
        while i < line.count && line[i] != HTTPSyntax.sp { i += 1 }
        let method = UnsafeBufferPointer(rebasing: line[0..<i])
        guard HTTPSyntax.isToken(method) else { throw i == line.count ? .invalidRequestLine : .invalidMethod }
        guard i < line.count else { throw .invalidRequestLine }
        let targetStart = i + 1
        var j = targetStart
        while j < line.count && line[j] != HTTPSyntax.sp { j += 1 }
        let target = UnsafeBufferPointer(rebasing: line[targetStart..<j])
        let targetIsValid = !target.isEmpty && target.allSatisfy(HTTPSyntax.isTargetByte)
        guard j < line.count else {
            // `GET /`: an HTTP/0.9 simple request. Such a client cannot read our answer.
            throw targetIsValid ? .http09Request : .invalidRequestLine
        }
        guard targetIsValid else { throw .invalidTarget }
        let version = try parseVersion(UnsafeBufferPointer(rebasing: line[(j + 1)...]))
        return RequestLine(method: HTTPMethod(HTTPSyntax.string(method)), target: HTTPSyntax.string(target), version: version)
    }

    /// `HTTP/` DIGIT `.` DIGIT, case-sensitive (RFC 9112 §2.3). Only 1.0 and 1.1 are served.
    static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        // Safe: the count is checked before the fixed-offset reads.
        guard bytes.count == 8,
              bytes[0] == 0x48, bytes[1] == 0x54, bytes[2] == 0x54, bytes[3] == 0x50, bytes[4] == 0x2F, // HTTP/
              HTTPSyntax.isDigit(bytes[5]), bytes[6] == 0x2E, HTTPSyntax.isDigit(bytes[7])
        else { throw .invalidVersion }
        switch (bytes[5], bytes[7]) {
        case (0x31, 0x31): return .http1_1
        case (0x31, 0x30): return .http1_0
        default: throw .unsupportedVersion
        }
    }
}
