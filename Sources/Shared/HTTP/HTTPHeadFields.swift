/// How the body of a message is delimited (RFC 9112 §6.3).
enum HTTPBodyFraming: Equatable, Sendable {
    /// Exactly this many bytes (0 = no body).
    case length(Int)
    /// Chunked transfer coding.
    case chunked
    /// Everything until the connection closes (responses only).
    case untilClose
}

/// Collects the field lines of one head: validates each line, builds `HTTPHeaders`, and derives
/// the framing facts (Content-Length, Transfer-Encoding, Host count) while the bytes are at hand,
/// so nothing is looked up by name afterwards.
///
/// Identical duplicate Content-Length values (`5, 5` or two `5` fields) are accepted as one, as
/// RFC 9110 §8.6 allows; differing ones are refused.
struct HTTPHeadFields: Sendable {
    private(set) var headers = HTTPHeaders()
    /// Bytes of field lines so far, CRLFs included (plus skipped empty lines before a request line).
    var byteCount = 0
    private(set) var contentLength: Int?
    private(set) var hostCount = 0
    private var sawTransferEncoding = false
    private var chunkedCount = 0
    private var lastCodingIsChunked = false
    private var sawOtherCoding = false
    /// Requests check Host values; responses do not care about Host.
    let isRequest: Bool

    init(isRequest: Bool) {
        self.isRequest = isRequest
        headers.reserveCapacity(16)
    }

    /// Validates and records one field line (CRLF excluded), enforcing the header limits.
    mutating func add(_ line: UnsafeBufferPointer<UInt8>, limits: HTTPLimits) throws(HTTPParseError) {
        byteCount += line.count + 2
        guard byteCount <= limits.maxHeaderBytes else { throw .headerBlockTooLarge }
        guard headers.count < limits.maxHeaderCount else { throw .tooManyHeaders }
        let (nameEnd, value) = try Self.split(line)
        let name = UnsafeBufferPointer(rebasing: line[0..<nameEnd])
        let valueBytes = UnsafeBufferPointer(rebasing: line[value])
        switch nameEnd {
        case 4 where HTTPSyntax.equalsLowercase(name, "host"):
            hostCount += 1
            if isRequest {
                for byte in valueBytes where !HTTPSyntax.isHostByte(byte) { throw .invalidHost }
            }
        case 14 where HTTPSyntax.equalsLowercase(name, "content-length"):
            try addContentLength(valueBytes)
        case 17 where HTTPSyntax.equalsLowercase(name, "transfer-encoding"):
            try addTransferCodings(valueBytes)
        default:
            break
        }
        headers.add(HTTPSyntax.string(name), HTTPSyntax.string(valueBytes))
    }

    /// Checks a field line (CRLF excluded) and returns where its name ends and where its value,
    /// trimmed of OWS, lies. Shared with chunked trailers, which are validated and discarded.
    static func split(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> (nameEnd: Int, value: Range<Int>) {
        guard let first = line.first else { throw .invalidFieldName }
        if HTTPSyntax.isWhitespace(first) { throw .obsoleteLineFolding }
        var i = 0
        // Safe: every index below is checked against line.count first.
        while i < line.count && HTTPSyntax.isToken(line[i]) { i += 1 }
        guard i < line.count, i > 0 else { throw .invalidFieldName }
        if line[i] != HTTPSyntax.colon {
            var j = i
            while j < line.count && HTTPSyntax.isWhitespace(line[j]) { j += 1 }
            if j > i && j < line.count && line[j] == HTTPSyntax.colon { throw .whitespaceBeforeColon }
            throw .invalidFieldName
        }
        let nameEnd = i
        var start = i + 1
        guard HTTPSyntax.allFieldValueBytes(UnsafeBufferPointer(rebasing: line[start...])) else { throw .invalidFieldValue }
        var end = line.count
        while start < end && HTTPSyntax.isWhitespace(line[start]) { start += 1 }
        while end > start && HTTPSyntax.isWhitespace(line[end - 1]) { end -= 1 }
        return (nameEnd, start..<end)
    }

    // MARK: - Framing fields

    private mutating func addContentLength(_ value: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) {
        var seen = contentLength
        try HTTPSyntax.forEachListElement(value) { (element) throws(HTTPParseError) in
            guard !element.isEmpty else { throw .invalidContentLength }
            var length = 0
            for byte in element {
                guard HTTPSyntax.isDigit(byte) else { throw .invalidContentLength }
                let (times10, o1) = length.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int(byte &- 0x30))
                guard !o1 && !o2 else { throw .invalidContentLength }
                length = sum
            }
            if let previous = seen, previous != length { throw .conflictingContentLength }
            seen = length
        }
        contentLength = seen
    }

    private mutating func addTransferCodings(_ value: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) {
        sawTransferEncoding = true
        var chunked = chunkedCount, lastIsChunked = lastCodingIsChunked, other = sawOtherCoding
        try HTTPSyntax.forEachListElement(value) { (element) throws(HTTPParseError) in
            // The list rule allows empty elements (`chunked, , x`); they carry no coding.
            guard !element.isEmpty else { return }
            var i = 0
            while i < element.count && HTTPSyntax.isToken(element[i]) { i += 1 }
            guard i > 0 else { throw .invalidTransferEncoding }
            var j = i
            while j < element.count && HTTPSyntax.isWhitespace(element[j]) { j += 1 }
            let hasParameters = j < element.count
            if hasParameters && element[j] != HTTPSyntax.semicolon { throw .invalidTransferEncoding }
            if HTTPSyntax.equalsLowercase(UnsafeBufferPointer(rebasing: element[0..<i]), "chunked") {
                // chunked defines no parameters.
                if hasParameters { throw .invalidTransferEncoding }
                chunked += 1
                lastIsChunked = true
            } else {
                lastIsChunked = false
                other = true
            }
        }
        chunkedCount = chunked
        lastCodingIsChunked = lastIsChunked
        sawOtherCoding = other
    }

    /// How the body of a message with these fields is delimited (RFC 9112 §6.3), or why it
    /// cannot be trusted. `untilClose` is what a response without CL or TE gets; requests get 0.
    func framing(version: HTTPVersion, withoutLength fallback: HTTPBodyFraming) throws(HTTPParseError) -> HTTPBodyFraming {
        if sawTransferEncoding {
            if contentLength != nil { throw .contentLengthWithTransferEncoding }
            if version == .http1_0 { throw .transferEncodingInHTTP10 }
            if !lastCodingIsChunked || chunkedCount > 1 { throw .transferEncodingNotChunked }
            if sawOtherCoding { throw .unsupportedTransferCoding }
            return .chunked
        }
        if let contentLength { return .length(contentLength) }
        return fallback
    }
}
