import Testing
@testable import Shared

/// One request the parser must refuse, with the error and the status it maps to.
struct Refusal: Sendable, CustomTestStringConvertible {
    let name: String
    let raw: String
    let error: HTTPParseError
    let status: Int

    init(_ name: String, _ raw: String, _ error: HTTPParseError, _ status: Int) {
        self.name = name
        self.raw = raw
        self.error = error
        self.status = status
    }

    var testDescription: String { name }
}

/// Every refusal RFC 9112 and issue 2 require, each as a named row.
@Suite struct HTTPRequestParserRefusalTests {
    static let framing: [Refusal] = [
        Refusal("content-length with transfer-encoding", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", .contentLengthWithTransferEncoding, 400),
        Refusal("transfer-encoding then content-length", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", .contentLengthWithTransferEncoding, 400),
        Refusal("two different content-length fields", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", .conflictingContentLength, 400),
        Refusal("content-length list 1, 2", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 2\r\n\r\nab", .conflictingContentLength, 400),
        Refusal("content-length +4", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +4\r\n\r\nabcd", .invalidContentLength, 400),
        Refusal("content-length 4a", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4a\r\n\r\nabcd", .invalidContentLength, 400),
        Refusal("content-length -1", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", .invalidContentLength, 400),
        Refusal("content-length empty", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n", .invalidContentLength, 400),
        Refusal("content-length overflowing", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", .invalidContentLength, 400),
        Refusal("content-length hex", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", .invalidContentLength, 400),
        Refusal("content-length with empty list element", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4,,4\r\n\r\nabcd", .invalidContentLength, 400),
        Refusal("content-length with inner space", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\n", .invalidContentLength, 400),
        Refusal("transfer-encoding xchunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n", .transferEncodingNotChunked, 400),
        Refusal("transfer-encoding chunked, identity", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n", .transferEncodingNotChunked, 400),
        Refusal("transfer-encoding gzip only", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", .transferEncodingNotChunked, 400),
        Refusal("transfer-encoding empty", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \r\n\r\n", .transferEncodingNotChunked, 400),
        Refusal("duplicate transfer-encoding fields, last not chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n", .transferEncodingNotChunked, 400),
        Refusal("chunked applied twice", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", .transferEncodingNotChunked, 400),
        Refusal("chunked with parameters", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked;q=1\r\n\r\n", .invalidTransferEncoding, 400),
        Refusal("transfer-encoding not a token", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \"chunked\"\r\n\r\n", .invalidTransferEncoding, 400),
        Refusal("gzip then chunked is not implemented", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", .unsupportedTransferCoding, 501),
        Refusal("unknown coding then chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: foo, chunked\r\n\r\n", .unsupportedTransferCoding, 501),
        Refusal("transfer-encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .transferEncodingInHTTP10, 400),
        Refusal("space before colon in transfer-encoding", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n", .whitespaceBeforeColon, 400),
        Refusal("declared body over 10 MiB", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10485761\r\n\r\n", .bodyTooLarge, 413),
    ]

    static let chunks: [Refusal] = [
        Refusal("chunk size 0x10", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0x10\r\n", .invalidChunkSize, 400),
        Refusal("chunk size -1", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n", .invalidChunkSize, 400),
        Refusal("chunk size overflowing", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", .invalidChunkSize, 400),
        Refusal("chunk size not hex", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", .invalidChunkSize, 400),
        Refusal("chunk size missing", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", .invalidChunkSize, 400),
        Refusal("chunk size with leading space", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n 3\r\nabc\r\n0\r\n\r\n", .invalidChunkSize, 400),
        Refusal("chunk size with trailing space and no extension", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n", .invalidChunkExtension, 400),
        Refusal("chunk extension without name", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;\r\nabc\r\n0\r\n\r\n", .invalidChunkExtension, 400),
        Refusal("chunk extension unterminated quote", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;a=\"x\r\nabc\r\n0\r\n\r\n", .invalidChunkExtension, 400),
        Refusal("chunk data without CRLF", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n", .invalidChunkFraming, 400),
        Refusal("chunk data followed by bare LF", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\n0\r\n\r\n", .invalidChunkFraming, 400),
        Refusal("chunk data followed by CR and junk", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\rX0\r\n\r\n", .invalidChunkFraming, 400),
        Refusal("chunk size line with bare LF", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n", .bareLineFeed, 400),
        Refusal("obs-fold in trailer", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: a\r\n b\r\n\r\n", .obsoleteLineFolding, 400),
        Refusal("bad trailer name", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX T: a\r\n\r\n", .invalidFieldName, 400),
    ]

    static let fields: [Refusal] = [
        Refusal("obs-fold continuation line", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n", .obsoleteLineFolding, 400),
        Refusal("tab-folded continuation line", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n\tc\r\n\r\n", .obsoleteLineFolding, 400),
        Refusal("whitespace before first field", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", .obsoleteLineFolding, 400),
        Refusal("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", .whitespaceBeforeColon, 400),
        Refusal("tab before colon", "GET / HTTP/1.1\r\nHost: a\r\nX-A\t: b\r\n\r\n", .whitespaceBeforeColon, 400),
        Refusal("non-token char in name", "GET / HTTP/1.1\r\nHost: a\r\nX(A): b\r\n\r\n", .invalidFieldName, 400),
        Refusal("space inside name", "GET / HTTP/1.1\r\nHost: a\r\nX A: b\r\n\r\n", .invalidFieldName, 400),
        Refusal("empty field name", "GET / HTTP/1.1\r\nHost: a\r\n: b\r\n\r\n", .invalidFieldName, 400),
        Refusal("field line without colon", "GET / HTTP/1.1\r\nHost: a\r\nX-A b\r\n\r\n", .invalidFieldName, 400),
        Refusal("non-ASCII byte in name", "GET / HTTP/1.1\r\nHost: a\r\nX-\u{E9}: b\r\n\r\n", .invalidFieldName, 400),
        Refusal("NUL in value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u{0}c\r\n\r\n", .invalidFieldValue, 400),
        Refusal("bare CR in value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n", .invalidFieldValue, 400),
        Refusal("bare LF in value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\nc\r\n\r\n", .bareLineFeed, 400),
        Refusal("control byte in value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u{1}c\r\n\r\n", .invalidFieldValue, 400),
        Refusal("DEL in value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u{7F}c\r\n\r\n", .invalidFieldValue, 400),
        Refusal("bare LF line endings", "GET / HTTP/1.1\nHost: a\n\n", .bareLineFeed, 400),
        Refusal("bare LF ending the head", "GET / HTTP/1.1\r\nHost: a\r\n\n", .bareLineFeed, 400),
        Refusal("HTTP/1.1 without Host", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", .missingHost, 400),
        Refusal("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .multipleHost, 400),
        Refusal("two identical Host fields", "GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n", .multipleHost, 400),
        Refusal("two Host fields in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", .multipleHost, 400),
        Refusal("Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", .invalidHost, 400),
        Refusal("Host with userinfo", "GET / HTTP/1.1\r\nHost: user@a\r\n\r\n", .invalidHost, 400),
    ]

    static let startLine: [Refusal] = [
        Refusal("HTTP/0.9 request line", "GET /\r\n", .http09Request, 0),
        Refusal("HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", .unsupportedVersion, 505),
        Refusal("HTTP/1.2", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", .unsupportedVersion, 505),
        Refusal("HTTP/0.9 spelled out", "GET / HTTP/0.9\r\n\r\n", .unsupportedVersion, 505),
        Refusal("lowercase version", "GET / http/1.1\r\nHost: a\r\n\r\n", .invalidVersion, 400),
        Refusal("two-digit minor version", "GET / HTTP/1.10\r\nHost: a\r\n\r\n", .invalidVersion, 400),
        Refusal("version without minor", "GET / HTTP/1\r\nHost: a\r\n\r\n", .invalidVersion, 400),
        Refusal("version garbage", "GET / HTTX/1.1\r\nHost: a\r\n\r\n", .invalidVersion, 400),
        Refusal("trailing space after version", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", .invalidVersion, 400),
        Refusal("non-token method", "G@T / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidMethod, 400),
        Refusal("empty method", " / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidMethod, 400),
        Refusal("method only", "GET\r\n\r\n", .invalidRequestLine, 400),
        Refusal("double space before target", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget, 400),
        Refusal("control byte in target", "GET /a\u{1}b HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget, 400),
        Refusal("tab in target", "GET /a\tb HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget, 400),
        Refusal("non-ASCII target", "GET /caf\u{E9} HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget, 400),
        Refusal("bare CR in request line", "GET /\r HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget, 400),
        Refusal("bare LF request line", "GET / HTTP/1.1\n", .bareLineFeed, 400),
        Refusal("request line over 8 KiB", "GET /" + String(repeating: "a", count: 8192) + " HTTP/1.1\r\nHost: a\r\n\r\n", .requestLineTooLong, 414),
        Refusal("header block over 16 KiB", "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "b", count: 16_384) + "\r\n\r\n", .headerBlockTooLarge, 431),
        Refusal("more than 100 fields", "GET / HTTP/1.1\r\nHost: a\r\n" + String(repeating: "X-A: b\r\n", count: 100) + "\r\n", .tooManyHeaders, 431),
    ]

    @Test(arguments: framing + chunks + fields + startLine)
    func refusesWithStatus(_ refusal: Refusal) {
        let outcome = parseRequests(refusal.raw)
        #expect(outcome.error == refusal.error)
        #expect(refusal.error.status == refusal.status)
        #expect(outcome.messages.isEmpty)
    }

    @Test(arguments: framing + chunks + fields + startLine)
    func refusesTheSameWayByteByByte(_ refusal: Refusal) {
        let outcome = parseRequests(refusal.raw, feeding: .byteByByte)
        #expect(outcome.error == refusal.error)
        #expect(outcome.messages.isEmpty)
    }

    @Test func staysFailedAfterAnError() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost : a\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.whitespaceBeforeColon) { try parser.next() }
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.whitespaceBeforeColon) { try parser.next() }
    }

    @Test func refusesOversizedDeclaredBodyBeforeItArrives() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 20000000\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.bodyTooLarge) { try parser.next() }
    }

    @Test func everyStatusIsOneAServerSends() {
        let all = (Self.framing + Self.chunks + Self.fields + Self.startLine).map(\.error)
        for error in all { #expect([0, 400, 413, 414, 431, 501, 505].contains(error.status)) }
        #expect(HTTPParseError.truncatedMessage.status == 502)
    }
}

/// Request-smuggling vectors: what a front end and a back end could disagree on. Each row says
/// what this parser does with it; a refusal means the connection closes, so nothing is smuggled.
@Suite struct HTTPRequestSmugglingTests {
    enum Verdict: Sendable, Equatable {
        case accepted(body: String)
        case refused(HTTPParseError)
    }

    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let raw: String
        let verdict: Verdict
        var testDescription: String { name }
    }

    static let prefix = "POST / HTTP/1.1\r\nHost: a\r\n"

    static let vectors: [Vector] = [
        Vector(name: "TE chunked + CL", raw: prefix + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n", verdict: .refused(.contentLengthWithTransferEncoding)),
        Vector(name: "TE xchunked", raw: prefix + "Transfer-Encoding: xchunked\r\n\r\n", verdict: .refused(.transferEncodingNotChunked)),
        Vector(name: "TE with space before colon", raw: prefix + "Transfer-Encoding : chunked\r\n\r\n", verdict: .refused(.whitespaceBeforeColon)),
        Vector(name: "TE with tab OWS", raw: prefix + "Transfer-Encoding:\tchunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", verdict: .accepted(body: "ok")),
        Vector(name: "TE chunked, identity", raw: prefix + "Transfer-Encoding: chunked, identity\r\n\r\n", verdict: .refused(.transferEncodingNotChunked)),
        Vector(name: "duplicate TE, last not chunked", raw: prefix + "Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n", verdict: .refused(.transferEncodingNotChunked)),
        Vector(name: "TE obs-folded", raw: prefix + "Transfer-Encoding:\r\n chunked\r\n\r\n", verdict: .refused(.obsoleteLineFolding)),
        Vector(name: "TE with vertical tab", raw: prefix + "Transfer-Encoding:\u{B}chunked\r\n\r\n", verdict: .refused(.invalidFieldValue)),
        Vector(name: "CL 1, 2", raw: prefix + "Content-Length: 1, 2\r\n\r\nab", verdict: .refused(.conflictingContentLength)),
        Vector(name: "CL with leading zeros", raw: prefix + "Content-Length: 003\r\n\r\nabc", verdict: .accepted(body: "abc")),
        Vector(name: "CL with sign", raw: prefix + "Content-Length: +3\r\n\r\nabc", verdict: .refused(.invalidContentLength)),
        Vector(name: "chunk size 0x10", raw: prefix + "Transfer-Encoding: chunked\r\n\r\n0x10\r\n", verdict: .refused(.invalidChunkSize)),
        Vector(name: "chunk size -1", raw: prefix + "Transfer-Encoding: chunked\r\n\r\n-1\r\n", verdict: .refused(.invalidChunkSize)),
        Vector(name: "chunk size ffffffffffffffffff", raw: prefix + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", verdict: .refused(.invalidChunkSize)),
        Vector(name: "chunk size overflowing to a small number", raw: prefix + "Transfer-Encoding: chunked\r\n\r\n10000000000000003\r\nabc\r\n0\r\n\r\n", verdict: .refused(.invalidChunkSize)),
        Vector(name: "bare LF hiding a second request", raw: "GET / HTTP/1.1\r\nHost: a\nX: y\r\n\r\n", verdict: .refused(.bareLineFeed)),
        Vector(name: "bare CR in a field value", raw: "GET / HTTP/1.1\r\nHost: a\rX: y\r\n\r\n", verdict: .refused(.invalidFieldValue)),
    ]

    @Test(arguments: vectors)
    func smugglingVector(_ vector: Vector) {
        for feeding in [Feeding.oneShot, .byteByByte] {
            let outcome = parseRequests(vector.raw, feeding: feeding)
            switch vector.verdict {
            case .accepted(let body):
                #expect(outcome.error == nil)
                #expect(outcome.messages.map { String(decoding: $0.body, as: UTF8.self) } == [body])
            case .refused(let error):
                #expect(outcome.error == error)
                #expect(outcome.messages.isEmpty)
            }
        }
    }
}
