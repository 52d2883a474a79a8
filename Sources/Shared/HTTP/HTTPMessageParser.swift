/// An incremental, strict HTTP/1.1 parser of one kind of message (RFC 9112). Pure and synchronous.
///
/// The part both directions share: feed bytes with `append`, then call `next()` until it returns
/// nil ("need more bytes"). Each message yields `.head`, zero or more `.body` parts and `.end`;
/// pipelined messages follow one another in the same buffer. A thrown `HTTPParseError` carries
/// the status to answer (`HTTPParseError.status`); afterwards the parser stays failed and the
/// connection must close. What differs (the start line, Host rules, which messages have a body,
/// interim responses, EOF) is the `Grammar`: use `HTTPRequestParser` or `HTTPResponseParser`.
///
/// Generic over a struct, so each use is specialised: no existential or closure per byte or
/// per message. Not thread-safe: a value owned by one connection on one event loop.
package struct HTTPMessageParser<Grammar: HTTPHeadGrammar>: Sendable {
    /// One step of a message.
    package enum Event: Sendable, Equatable {
        case head(Grammar.Head)
        /// Part of the body. Shares the parser's storage: copy it out before the next `append`.
        case body(ArraySlice<UInt8>)
        case end
    }

    var reader: HTTPMessageReader
    var grammar: Grammar
    /// A head was returned and its body (possibly empty) has not ended yet.
    private var inBody = false
    /// Every call after a failure throws it again.
    private var failure: HTTPParseError?

    init(reader: HTTPMessageReader, grammar: Grammar) {
        self.reader = reader
        self.grammar = grammar
    }

    /// Bytes received and not yet consumed by `next()`.
    package var bufferedByteCount: Int { reader.readableCount }

    /// True between messages with nothing buffered (and, for responses, nothing expected).
    package var isIdle: Bool {
        !inBody && failure == nil && reader.readableCount == 0 && grammar.isIdle
    }

    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        reader.append(bytes)
    }

    package mutating func append(_ bytes: some Sequence<UInt8>) {
        reader.append(contentsOf: bytes)
    }

    /// The next event, or nil when more bytes are needed.
    package mutating func next() throws(HTTPParseError) -> Event? {
        if let failure { throw failure }
        do {
            return try step()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func step() throws(HTTPParseError) -> Event? {
        guard inBody else {
            guard let head = try grammar.nextHead(&reader) else { return nil }
            inBody = true
            return .head(head)
        }
        switch try reader.nextBody(atEOF: grammar.atEOF) {
        case nil:
            if grammar.atEOF { throw .truncatedMessage }
            return nil
        case .data(let bytes):
            return .body(bytes)
        case .end:
            inBody = false
            return .end
        }
    }
}
