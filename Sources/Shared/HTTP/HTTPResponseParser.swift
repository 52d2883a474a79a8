/// An incremental, strict HTTP/1.1 response parser for upstream connections. Pure and synchronous.
///
/// Call `expectResponse(to:)` with the method of each request written on the connection (in
/// order), feed bytes with `append`, and call `next()` until nil. Each response yields `.head`,
/// zero or more `.body` parts and `.end`. When the connection reaches EOF call `finishAtEOF()`
/// (repeatedly, like `next()`): it ends a read-until-close body and reports a truncated message.
///
/// Framing follows RFC 9112 §6.3: no body for HEAD requests and 1xx/204/304 statuses, else
/// chunked, else Content-Length, else everything until the connection closes. Content-Length
/// together with Transfer-Encoding is refused, as is any transfer coding but `chunked` (we could
/// not decode it for the client). Bodies over `maxBodyBytes` are refused (`.bodyTooLarge`).
///
/// Interim responses: `100 Continue`, `102`, `103` are skipped by default (RFC 9110 §15.2: a
/// client that did not ask for them ignores them), because this client sends whole requests and
/// waits for the final answer; with `deliverInterimResponses` each one is reported as `.head` +
/// `.end` and the final response follows. `101 Switching Protocols` is accepted only for a request
/// announced with `upgrade: true` (then it is final, bodiless, and ends HTTP on the connection);
/// otherwise it is `.unsolicitedSwitchingProtocols`, never a response to pass on. A status outside
/// 100–599 is `.invalidStatusLine` (RFC 9110 §15: such codes are invalid).
///
/// A status line without a reason phrase (`HTTP/1.1 200` with or without the SP) is accepted:
/// clients must ignore the reason anyway (RFC 9112 §4). Not thread-safe. The shell is
/// `HTTPMessageParser`, shared with requests; the response rules are `HTTPResponseGrammar`.
package typealias HTTPResponseParser = HTTPMessageParser<HTTPResponseGrammar>

extension HTTPMessageParser where Grammar == HTTPResponseGrammar {
    package init(limits: HTTPLimits = .default, deliverInterimResponses: Bool = false) {
        self.init(
            reader: HTTPMessageReader(limits: limits, isRequest: false),
            grammar: HTTPResponseGrammar(deliverInterimResponses: deliverInterimResponses))
    }

    /// Announces that a request with `method` was sent; its response is parsed after earlier ones.
    /// `upgrade`: the request carried `Upgrade` and may be answered `101 Switching Protocols`.
    package mutating func expectResponse(to method: HTTPMethod, upgrade: Bool = false) {
        grammar.expected.append((method, upgrade))
    }

    /// Tells the parser the connection reached EOF, then returns the next event like `next()`.
    /// A read-until-close body ends here (`.end`); a response cut short throws `.truncatedMessage`,
    /// an expected response that never started throws `.closedWithoutResponse`; nil when idle.
    package mutating func finishAtEOF() throws(HTTPParseError) -> Event? {
        grammar.atEOF = true
        return try next()
    }
}

/// The response side of `HTTPMessageParser`: the status line, the queue of requests awaiting
/// an answer, interim responses, and response framing (RFC 9112 §6.3).
package struct HTTPResponseGrammar: HTTPHeadGrammar {
    private let deliverInterimResponses: Bool
    /// The status line of the head being read, once it is complete.
    private var partial: HTTPResponseHead?
    /// Methods of the requests whose responses have not started yet, oldest first, and whether each
    /// asked to switch protocols.
    fileprivate var expected: [(method: HTTPMethod, upgrade: Bool)] = []
    /// An interim response for the oldest expected request has been seen.
    private var sawInterim = false
    package fileprivate(set) var atEOF = false

    init(deliverInterimResponses: Bool) {
        self.deliverInterimResponses = deliverInterimResponses
    }

    package var isIdle: Bool { partial == nil && expected.isEmpty }

    package mutating func nextHead(_ reader: inout HTTPMessageReader) throws(HTTPParseError) -> HTTPResponseHead? {
        while true {
            if partial == nil {
                if reader.readableCount > 0 && expected.isEmpty { throw .unexpectedResponse }
                guard let range = try reader.nextStartLine(skippingEmptyLines: false, tooLong: .statusLineTooLong) else {
                    guard atEOF else { return nil }
                    if reader.readableCount > 0 || sawInterim { throw .truncatedMessage }
                    if !expected.isEmpty { throw .closedWithoutResponse }
                    return nil
                }
                partial = try reader.withBytes(range) { (line) throws(HTTPParseError) in try Self.parseStatusLine(line) }
            }
            guard var head = partial else { return nil }
            guard let fields = try reader.nextFields() else {
                if atEOF { throw .truncatedMessage }
                return nil
            }
            head.headers = fields.headers
            let framing = try fields.framing(version: head.version, withoutLength: .untilClose)
            partial = nil
            if try startBody(of: head, framing: framing, on: &reader) { return head }
        }
    }

    /// Decides what follows `head`: false when it was an interim response consumed silently (the
    /// final one follows), true when `head` is to be reported and its body (possibly empty) read.
    private mutating func startBody(
        of head: HTTPResponseHead, framing: HTTPBodyFraming, on reader: inout HTTPMessageReader
    ) throws(HTTPParseError) -> Bool {
        if head.status < 200 && head.status != 101 {
            // Interim response: the final one for the same request follows.
            sawInterim = true
            guard deliverInterimResponses else { return false }
            try reader.startBody(.length(0))
            return true
        }
        guard !expected.isEmpty else { throw .unexpectedResponse }
        if head.status == 101, !expected[0].upgrade { throw .unsolicitedSwitchingProtocols }
        let method = expected.removeFirst().method
        sawInterim = false
        let bodiless = method == .HEAD || head.status < 200 || head.status == 204 || head.status == 304
            || (method == .CONNECT && head.status < 300)
        try reader.startBody(bodiless ? .length(0) : framing)
        return true
    }

    /// `HTTP-version SP 3DIGIT [ SP reason-phrase ]`, CRLF already removed.
    private static func parseStatusLine(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPResponseHead {
        // Safe: the count is checked before the fixed-offset reads.
        guard line.count >= 12, line[8] == HTTPSyntax.sp else { throw .invalidStatusLine }
        let version: HTTPVersion
        do {
            version = try HTTPRequestGrammar.parseVersion(UnsafeBufferPointer(rebasing: line[0..<8]))
        } catch .unsupportedVersion {
            throw .unsupportedVersion
        } catch {
            throw .invalidStatusLine
        }
        var status = 0
        for i in 9..<12 {
            guard HTTPSyntax.isDigit(line[i]) else { throw .invalidStatusLine }
            status = status * 10 + Int(line[i] &- 0x30)
        }
        guard (100...599).contains(status) else { throw .invalidStatusLine }
        var reason: String?
        if line.count > 12 {
            guard line[12] == HTTPSyntax.sp else { throw .invalidStatusLine }
            let phrase = UnsafeBufferPointer(rebasing: line[13...])
            guard phrase.allSatisfy(HTTPSyntax.isFieldValueByte) else { throw .invalidStatusLine }
            if !phrase.isEmpty { reason = HTTPSyntax.string(phrase) }
        }
        return HTTPResponseHead(status: status, reason: reason, version: version)
    }
}
