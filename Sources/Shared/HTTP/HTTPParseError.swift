/// Every way an HTTP/1.1 message can be refused by `HTTPRequestParser` or `HTTPResponseParser`.
///
/// A parser that throws one of these stays failed: the connection it served must be closed after
/// the refusal is answered, because the framing of whatever follows cannot be trusted.
///
/// `status` is the answer a *server* sends for a request that failed this way (RFC 9112 names
/// most of them). `0` means "close without answering" (an HTTP/0.9 request line: such a client
/// could not read an HTTP/1.x response). Cases that only the response parser produces map to 502,
/// the status a gateway answers when its upstream misbehaves; for shared cases raised while
/// parsing an upstream response, the proxy answers 502 whatever `status` says.
package enum HTTPParseError: Error, Equatable, Sendable {
    // MARK: - Start line
    /// `GET /` with no version: HTTP/0.9. Closed without an answer.
    case http09Request
    /// The request line is not `method SP request-target SP HTTP-version`.
    case invalidRequestLine
    /// The method is empty or has a byte that is not a token character.
    case invalidMethod
    /// The request-target is empty or has whitespace, control or non-ASCII bytes.
    case invalidTarget
    /// The version is not `HTTP/` DIGIT `.` DIGIT.
    case invalidVersion
    /// A well-formed version other than HTTP/1.0 and HTTP/1.1 (`HTTP/2.0`, `HTTP/1.2`).
    case unsupportedVersion
    /// The request line is longer than `HTTPLimits.maxRequestLineBytes`.
    case requestLineTooLong

    // MARK: - Field lines
    /// A line ended with LF alone. We require CRLF everywhere (RFC 9112 §2.2 permits tolerating a
    /// bare LF, but a proxy that tolerates what its upstream does not is a smuggling vector).
    case bareLineFeed
    /// A field line began with SP or HTAB (obs-fold, RFC 9112 §5.2).
    case obsoleteLineFolding
    /// Whitespace between a field name and its colon (RFC 9112 §5.1).
    case whitespaceBeforeColon
    /// A field name that is empty or has a non-token byte, or a line without a colon.
    case invalidFieldName
    /// A field value containing NUL, CR, LF or another control byte other than HTAB.
    case invalidFieldValue
    /// The header block is larger than `HTTPLimits.maxHeaderBytes`.
    case headerBlockTooLarge
    /// More field lines than `HTTPLimits.maxHeaderCount`.
    case tooManyHeaders
    /// An HTTP/1.1 request without a Host field.
    case missingHost
    /// A request with more than one Host field line.
    case multipleHost
    /// A Host value that is not `uri-host [ ":" port ]` characters.
    case invalidHost

    // MARK: - Framing
    /// Both Content-Length and Transfer-Encoding (RFC 9112 §6.1: a smuggling attempt).
    case contentLengthWithTransferEncoding
    /// A Content-Length element that is not plain decimal digits, or that overflows.
    case invalidContentLength
    /// Content-Length values that differ (`Content-Length: 1, 2` or two fields).
    case conflictingContentLength
    /// Transfer-Encoding whose final coding is not `chunked`, or `chunked` applied twice.
    case transferEncodingNotChunked
    /// A Transfer-Encoding list that is not a list of tokens (with parameters).
    case invalidTransferEncoding
    /// A transfer coding other than `chunked` (gzip, deflate, unknown ones): not implemented.
    case unsupportedTransferCoding
    /// Transfer-Encoding in an HTTP/1.0 message, whose framing cannot be trusted (RFC 9112 §6.1).
    case transferEncodingInHTTP10
    /// The body is larger than `HTTPLimits.maxBodyBytes`.
    case bodyTooLarge
    /// A chunk size that is not hex digits or overflows.
    case invalidChunkSize
    /// A chunk-size line longer than `HTTPLimits.maxChunkSizeLineBytes`.
    case chunkSizeLineTooLong
    /// Malformed chunk extensions after the chunk size.
    case invalidChunkExtension
    /// Chunk data not followed by CRLF.
    case invalidChunkFraming
    /// Trailer fields larger than `HTTPLimits.maxHeaderBytes` or more than `maxHeaderCount`.
    case trailersTooLarge

    // MARK: - Responses only
    /// The status line is not `HTTP-version SP 3DIGIT [SP reason]`, or its status is outside 100–599.
    case invalidStatusLine
    /// The status line is longer than `HTTPLimits.maxRequestLineBytes`.
    case statusLineTooLong
    /// Bytes arrived when no response was expected.
    case unexpectedResponse
    /// `101 Switching Protocols` to a request that did not ask to upgrade.
    case unsolicitedSwitchingProtocols
    /// The connection closed before any byte of an expected response.
    case closedWithoutResponse
    /// The connection closed in the middle of a response.
    case truncatedMessage

    /// The status to answer a request that failed this way (see the type's documentation).
    package var status: Int {
        switch self {
        case .http09Request:
            return 0
        case .requestLineTooLong:
            return 414
        case .headerBlockTooLarge, .tooManyHeaders, .trailersTooLarge:
            return 431
        case .bodyTooLarge:
            return 413
        case .unsupportedTransferCoding:
            return 501
        case .unsupportedVersion:
            return 505
        case .invalidStatusLine, .statusLineTooLong, .unexpectedResponse, .unsolicitedSwitchingProtocols, .closedWithoutResponse,
             .truncatedMessage:
            return 502
        case .invalidRequestLine, .invalidMethod, .invalidTarget, .invalidVersion, .bareLineFeed,
             .obsoleteLineFolding, .whitespaceBeforeColon, .invalidFieldName, .invalidFieldValue,
             .missingHost, .multipleHost, .invalidHost, .contentLengthWithTransferEncoding,
             .invalidContentLength, .conflictingContentLength, .transferEncodingNotChunked,
             .invalidTransferEncoding, .transferEncodingInHTTP10, .invalidChunkSize,
             .chunkSizeLineTooLong, .invalidChunkExtension, .invalidChunkFraming:
            return 400
        }
    }
}
