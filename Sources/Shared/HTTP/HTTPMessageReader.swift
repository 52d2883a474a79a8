/// The byte-level machinery of both HTTP/1.1 parsers: the received bytes, the start line and
/// field lines of a head, and the body framings (fixed length, chunked, until close).
///
/// `HTTPMessageParser` drives it; a grammar (`HTTPRequestGrammar`, `HTTPResponseGrammar`) reads
/// heads through it. Everything that reads lines and body bytes lives here once, so a limit or
/// a framing rule cannot drift between requests and responses. A plain struct stored inline in
/// its parser: no allocation of its own. `package` only so the grammar protocol can name it;
/// its members are internal. Pure and synchronous; owned by one connection on one event loop.
package struct HTTPMessageReader: Sendable {
    /// One step of a body.
    enum BodyEvent: Sendable {
        /// Body bytes. Shares the reader's storage: copy them out before the next `append`.
        case data(ArraySlice<UInt8>)
        /// The body is complete; the next message's start line follows.
        case end
    }

    /// How the body in progress is delimited.
    private enum Body: Sendable {
        case fixed(remaining: Int)
        case chunked
        case untilClose(received: Int)
    }

    let limits: HTTPLimits
    private var buffer = HTTPParseBuffer()
    private var fields: HTTPHeadFields
    private var chunked = HTTPChunkedDecoder()
    private var body = Body.fixed(remaining: 0)

    init(limits: HTTPLimits, isRequest: Bool) {
        self.limits = limits
        fields = HTTPHeadFields(isRequest: isRequest)
    }

    // MARK: - Bytes

    /// Bytes received and not yet consumed.
    var readableCount: Int { buffer.readableCount }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(bytes)
    }

    mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Removes and returns every byte received and not consumed.
    mutating func takeAll() -> [UInt8] {
        Array(buffer.take(buffer.readableCount))
    }

    // MARK: - Head

    /// Consumes the next start line and returns its range (CRLF excluded) for `withBytes`; nil
    /// until its LF arrives. A line over `maxRequestLineBytes` throws `tooLong` (one byte over is
    /// allowed while the line is unterminated: it may still gain its CR). `skippingEmptyLines`:
    /// empty lines before it are skipped (RFC 9112 §2.2, for requests) and count towards
    /// `maxHeaderBytes`; otherwise an empty line is returned like any other.
    mutating func nextStartLine(
        skippingEmptyLines: Bool, tooLong: HTTPParseError
    ) throws(HTTPParseError) -> Range<Int>? {
        while true {
            guard let range = try buffer.nextLine() else {
                if buffer.readableCount > limits.maxRequestLineBytes + 1 { throw tooLong }
                return nil
            }
            if range.isEmpty && skippingEmptyLines {
                fields.byteCount += 2
                guard fields.byteCount <= limits.maxHeaderBytes else { throw .headerBlockTooLarge }
                continue
            }
            guard range.count <= limits.maxRequestLineBytes else { throw tooLong }
            return range
        }
    }

    /// Calls `body` with the bytes of a line whose range `nextStartLine` returned.
    @inline(__always)
    func withBytes<R>(
        _ range: Range<Int>,
        _ body: (UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> R
    ) throws(HTTPParseError) -> R {
        try buffer.withBytes(range, body)
    }

    /// Reads field lines up to the empty line that ends the head. Returns the finished fields (and
    /// starts a fresh collector for the next head), or nil when more bytes are needed.
    mutating func nextFields() throws(HTTPParseError) -> HTTPHeadFields? {
        let limits = self.limits
        while true {
            guard let range = try buffer.nextLine() else {
                if fields.byteCount + buffer.readableCount > limits.maxHeaderBytes + 1 { throw .headerBlockTooLarge }
                return nil
            }
            if range.isEmpty { break }
            try buffer.withBytes(range) { (bytes) throws(HTTPParseError) in try fields.add(bytes, limits: limits) }
        }
        let done = fields
        fields = HTTPHeadFields(isRequest: done.isRequest)
        return done
    }

    // MARK: - Body

    /// Starts reading a body framed as `framing`; a declared length over `maxBodyBytes` throws
    /// `.bodyTooLarge` at once, so a server can answer before reading the body.
    mutating func startBody(_ framing: HTTPBodyFraming) throws(HTTPParseError) {
        switch framing {
        case .length(let length):
            guard length <= limits.maxBodyBytes else { throw .bodyTooLarge }
            body = .fixed(remaining: length)
        case .chunked:
            chunked = HTTPChunkedDecoder()
            body = .chunked
        case .untilClose:
            body = .untilClose(received: 0)
        }
    }

    /// The next part of the body started by `startBody`, or nil when more bytes are needed.
    /// `atEOF`: the connection has closed, which ends (only) a read-until-close body; the caller
    /// decides what nil means at EOF.
    mutating func nextBody(atEOF: Bool) throws(HTTPParseError) -> BodyEvent? {
        switch body {
        case .fixed(let remaining):
            if remaining == 0 { return .end }
            let count = min(remaining, buffer.readableCount)
            guard count > 0 else { return nil }
            body = .fixed(remaining: remaining - count)
            return .data(buffer.take(count))
        case .chunked:
            switch try chunked.next(from: &buffer, limits: limits) {
            case nil: return nil
            case .data(let bytes): return .data(bytes)
            case .end: return .end
            }
        case .untilClose(let received):
            let count = buffer.readableCount
            guard count > 0 else { return atEOF ? .end : nil }
            guard count <= limits.maxBodyBytes - received else { throw .bodyTooLarge }
            body = .untilClose(received: received + count)
            return .data(buffer.take(count))
        }
    }
}
