/// Writes HTTP/1.1 messages as bytes. Pure functions appending to a caller-owned `[UInt8]`.
///
/// Framing is always computed here: `Content-Length` and `Transfer-Encoding` fields in a head are
/// dropped and replaced by what the body needs, so a handler cannot desynchronise a connection.
///
/// Sanitising: header fields come from handlers, mapping templates and upstream responses, so bad
/// ones are **dropped** rather than trusted or trapped on: a field whose name is not a token, or
/// whose value holds CR, LF, NUL or another control byte (HTAB excepted), is left out. A reason
/// phrase with such bytes is replaced by the standard phrase. A request-target byte outside
/// visible ASCII is percent-encoded. A status outside 100...999 is written as 500. A method that is not a token is a programming error (methods
/// come from our parser or from validated configuration) and stops the process.
package enum HTTPSerializer {
    // MARK: - Heads

    /// Writes a status line and fields. `contentLength` non-nil writes `Content-Length`; nil
    /// announces a chunked body (`Transfer-Encoding: chunked`) for statuses that have a body, and
    /// nothing for 304. 1xx and 204 never get a framing field (RFC 9110 §8.6, RFC 9112 §6.1).
    package static func writeResponseHead(_ head: HTTPResponseHead, contentLength: Int?, into out: inout [UInt8]) {
        writeResponseHead(head, framing: contentLength.map(Framing.length) ?? .chunked, connection: .keep, into: &out)
    }

    /// Writes a request line and the fields as given (only invalid ones dropped). The caller owns
    /// framing fields here, for streaming; `serialize(_:)` computes them. Host must be present
    /// for HTTP/1.1 and is the caller's job.
    package static func writeRequestHead(_ head: HTTPRequestHead, into out: inout [UInt8]) {
        HTTPHeadWriter.append(to: &out, bound: requestLineBound(head) + fieldsBound(head.headers) + 2) { out in
            writeRequestLine(head, into: &out)
            for field in head.headers.fields { writeField(field.name, field.value, into: &out) }
            out.crlf()
        }
    }

    // MARK: - Chunked bodies

    /// Writes one chunk. An empty `bytes` writes nothing: a zero-size chunk would end the body.
    package static func writeChunk(_ bytes: some Collection<UInt8>, into out: inout [UInt8]) {
        let count = bytes.count
        guard count > 0 else { return }
        writeHex(count, into: &out)
        appendCRLF(into: &out)
        out.append(contentsOf: bytes)
        appendCRLF(into: &out)
    }

    /// Writes the last chunk with an empty trailer section.
    package static func writeLastChunk(into out: inout [UInt8]) {
        out.append(contentsOf: lastChunk)
    }

    // MARK: - Whole messages

    /// A complete response to a request made with `method`, with `Content-Length` framing.
    ///
    /// HEAD answers carry the length the body would have (`response.body.count`, or when the body
    /// is empty the `Content-Length` the handler set, e.g. copied from an upstream HEAD) and no
    /// body. 1xx/204/304 carry no body; 304 keeps a handler-set `Content-Length`. `Connection`
    /// fields are replaced: `close` when `keepAlive` is false, `keep-alive` when it is true for an
    /// HTTP/1.0 client (which would otherwise close), none otherwise.
    package static func serialize(
        _ response: HTTPResponse,
        forRequestMethod method: HTTPMethod,
        keepAlive: Bool,
        requestVersion: HTTPVersion = .http1_1
    ) -> [UInt8] {
        let status = wireStatus(response.head.status)
        let framing: Framing
        var includeBody = false
        if status < 200 || status == 204 {
            framing = .none
        } else if status == 304 {
            framing = declaredLength(response.head.headers).map(Framing.length) ?? .none
        } else if method == .HEAD {
            let length = response.body.isEmpty ? declaredLength(response.head.headers) ?? 0 : response.body.count
            framing = .length(length)
        } else {
            framing = .length(response.body.count)
            includeBody = true
        }
        let connection: ConnectionField = !keepAlive ? .write("close") : (requestVersion == .http1_0 ? .write("keep-alive") : .drop)
        var out: [UInt8] = []
        out.reserveCapacity(256 + (includeBody ? response.body.count : 0))
        writeResponseHead(response.head, framing: framing, connection: connection, into: &out)
        if includeBody { out.append(contentsOf: response.body) }
        return out
    }

    /// A complete request with `Content-Length` framing. The length is written when there is a
    /// body, or for POST/PUT/PATCH without one (`Content-Length: 0`, RFC 9110 §8.6), so an
    /// upstream never waits for a body that is not coming.
    package static func serialize(_ request: HTTPRequest) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + request.body.count)
        writeRequestHead(request.head, contentLength: request.body.count, into: &out)
        out.append(contentsOf: request.body)
        return out
    }

    /// The head `serialize(_:)` writes for a body of `contentLength` bytes (framing computed),
    /// without the body: a caller that queues a large body by reference writes this and sends the
    /// body as it is, instead of copying it behind the head.
    package static func writeRequestHead(_ head: HTTPRequestHead, contentLength: Int, into out: inout [UInt8]) {
        let bound = requestLineBound(head) + fieldsBound(head.headers) + lengthFieldBound + 2
        HTTPHeadWriter.append(to: &out, bound: bound) { out in
            writeRequestLine(head, into: &out)
            for field in head.headers.fields where role(field.name) != .framing {
                writeField(field.name, field.value, into: &out)
            }
            let method = head.method
            if contentLength > 0 || method == .POST || method == .PUT || method == .PATCH {
                out.literal("Content-Length: ")
                out.decimal(contentLength)
                out.crlf()
            }
            out.crlf()
        }
    }

    // MARK: - Pieces

    private enum Framing {
        case none
        case length(Int)
        case chunked
    }

    /// What happens to `Connection` fields of the head.
    private enum ConnectionField {
        case keep
        case drop
        case write(StaticString)
    }

    private static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    private static func writeResponseHead(
        _ head: HTTPResponseHead,
        framing: Framing,
        connection: ConnectionField,
        into out: inout [UInt8]
    ) {
        let status = wireStatus(head.status)
        let reason = head.reason.flatMap { isFieldValue($0) ? $0 : nil }
        let phrase = HTTPStatusPhrase.phrase(for: status)
        // "HTTP/1.1 200 " and CRLF, the fields, the longest framing field (`Content-Length: ` and
        // 19 digits, CRLF), `Connection: keep-alive` CRLF, and the final CRLF.
        let bound = 13 + (reason?.utf8.count ?? phrase.utf8CodeUnitCount) + 2 + fieldsBound(head.headers)
            + lengthFieldBound + 24 + 2
        HTTPHeadWriter.append(to: &out, bound: bound) { out in
            writeVersion(head.version, into: &out)
            out.byte(0x20)
            out.decimal(status)
            out.byte(0x20)
            if let reason { out.string(reason) } else { out.literal(phrase) }
            out.crlf()
            for field in head.headers.fields {
                switch role(field.name) {
                case .framing: continue
                case .connection: if case .keep = connection {} else { continue }
                case .other: break
                }
                writeField(field.name, field.value, into: &out)
            }
            let bodyless = status < 200 || status == 204
            switch framing {
            case .length(let length) where !bodyless:
                out.literal("Content-Length: ")
                out.decimal(length)
                out.crlf()
            case .chunked where !bodyless && status != 304:
                out.literal("Transfer-Encoding: chunked\r\n")
            default:
                break
            }
            if case .write(let value) = connection {
                out.literal("Connection: ")
                out.literal(value)
                out.crlf()
            }
            out.crlf()
        }
    }

    /// `Content-Length: ` with the longest decimal `Int` and CRLF.
    private static let lengthFieldBound = 16 + 19 + 2

    /// Room for every field as `name: value` CRLF (the most the fields can take; dropped ones less).
    private static func fieldsBound(_ headers: HTTPHeaders) -> Int {
        var total = 0
        for field in headers.fields { total &+= field.name.utf8.count &+ field.value.utf8.count &+ 4 }
        return total
    }

    /// Room for the request line: the method, the target with every byte percent-encoded, the
    /// version, the spaces and CRLF.
    private static func requestLineBound(_ head: HTTPRequestHead) -> Int {
        head.method.rawValue.utf8.count + 1 + max(head.target.utf8.count * 3, 1) + 1 + 8 + 2
    }

    private static func writeRequestLine(_ head: HTTPRequestHead, into out: inout HTTPHeadWriter) {
        precondition(HTTPSyntax.isToken(head.method.rawValue), "HTTP method must be a token")
        out.string(head.method.rawValue)
        out.byte(0x20)
        if head.target.isEmpty {
            out.byte(0x2F)  // "/": an empty target is not valid on the wire.
        }
        let copied = head.target.utf8.withContiguousStorageIfAvailable { target in
            // The common case, a target of visible ASCII only, is copied in one piece.
            guard target.allSatisfy(HTTPSyntax.isTargetByte) else { return false }
            out.bytes(target)
            return true
        }
        if copied != true {
            for byte in head.target.utf8 {
                if HTTPSyntax.isTargetByte(byte) {
                    out.byte(byte)
                } else {
                    // "%", then uppercase hex as RFC 3986 §2.1 recommends.
                    out.byte(0x25)
                    out.pair(hexDigit(byte >> 4, uppercase: true), hexDigit(byte & 0x0F, uppercase: true))
                }
            }
        }
        out.byte(0x20)
        writeVersion(head.version, into: &out)
        out.crlf()
    }

    /// Writes `name: value` CRLF, or nothing when the name is not a token or the value holds a
    /// forbidden byte. Both strings are read through their contiguous UTF-8 (every native String):
    /// checked over the buffer, then copied with one copy each. Through the generic
    /// `utf8.allSatisfy` and `append(contentsOf: utf8)` instead, a field cost ~1,800 instructions
    /// (bench/instructions.sh, proxy route: ~25,000 of 130,100 per request were the two heads).
    private static func writeField(_ name: String, _ value: String, into out: inout HTTPHeadWriter) {
        let done = name.utf8.withContiguousStorageIfAvailable { name in
            value.utf8.withContiguousStorageIfAvailable { value in
                guard HTTPSyntax.isToken(name), HTTPSyntax.allFieldValueBytes(value) else { return }
                out.bytes(name)
                out.pair(0x3A, 0x20)
                out.bytes(value)
                out.crlf()
            } != nil
        } ?? false
        if done { return }
        guard HTTPSyntax.isToken(name), value.utf8.allSatisfy(HTTPSyntax.isFieldValueByte) else { return }
        out.string(name)
        out.pair(0x3A, 0x20)
        out.string(value)
        out.crlf()
    }

    private static func appendCRLF(into out: inout [UInt8]) {
        out.append(0x0D)
        out.append(0x0A)
    }

    /// True when every byte of `value` may appear in a field value (or a reason phrase).
    private static func isFieldValue(_ value: String) -> Bool {
        value.utf8.withContiguousStorageIfAvailable(HTTPSyntax.allFieldValueBytes)
            ?? value.utf8.allSatisfy(HTTPSyntax.isFieldValueByte)
    }

    /// A status outside 100...999 cannot be written; it is a handler bug, answered as 500.
    private static func wireStatus(_ status: Int) -> Int {
        (100...999).contains(status) ? status : 500
    }

    /// What the serializer does with a field of this name.
    private enum FieldRole {
        /// `Content-Length` or `Transfer-Encoding`: replaced by the framing the body needs.
        case framing
        /// `Connection`: kept or replaced, per `ConnectionField`.
        case connection
        case other
    }

    /// The role of `name`, decided by its length first: most names match none of the three
    /// lengths and cost no comparison at all (two or three `equalsIgnoringCase` calls per field
    /// before, ~1,000 instructions per proxied request with their retains, bench/instructions.sh).
    private static func role(_ name: String) -> FieldRole {
        switch name.utf8.count {
        case 14: HTTPHeaders.equalsIgnoringCase(name, "content-length") ? .framing : .other
        case 17: HTTPHeaders.equalsIgnoringCase(name, "transfer-encoding") ? .framing : .other
        case 10: HTTPHeaders.equalsIgnoringCase(name, "connection") ? .connection : .other
        default: .other
        }
    }

    /// The handler-set Content-Length when it is one plain decimal number.
    private static func declaredLength(_ headers: HTTPHeaders) -> Int? {
        guard let value = headers["content-length"], !value.isEmpty, value.utf8.count <= 18,
              value.utf8.allSatisfy(HTTPSyntax.isDigit) else { return nil }
        return Int(value)
    }

    private static func writeVersion(_ version: HTTPVersion, into out: inout HTTPHeadWriter) {
        out.literal("HTTP/")
        out.byte(0x30 &+ UInt8(truncatingIfNeeded: min(max(version.major, 0), 9)))
        out.pair(0x2E, 0x30 &+ UInt8(truncatingIfNeeded: min(max(version.minor, 0), 9)))
    }

    /// Appends a non-negative integer in decimal without going through String.
    static func writeDecimal(_ value: Int, into out: inout [UInt8]) {
        precondition(value >= 0, "lengths are never negative")
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(0x30 &+ UInt8(truncatingIfNeeded: rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Appends a positive integer in lowercase hex.
    static func writeHex(_ value: Int, into out: inout [UInt8]) {
        var shift = (Int.bitWidth - value.leadingZeroBitCount + 3) / 4 * 4 - 4
        if shift < 0 { shift = 0 }
        while shift >= 0 {
            out.append(hexDigit(UInt8(truncatingIfNeeded: (value >> shift) & 0xF)))
            shift -= 4
        }
    }

    private static func hexDigit(_ nibble: UInt8, uppercase: Bool = false) -> UInt8 {
        nibble < 10 ? 0x30 &+ nibble : (uppercase ? 0x41 : 0x61) &+ nibble &- 10
    }
}
