import Testing
@testable import Shared

/// A response stream the parser must accept: requests' methods, bytes, whether EOF follows, and
/// the responses expected.
struct AcceptedResponse: Sendable, CustomTestStringConvertible {
    let name: String
    let methods: [HTTPMethod]
    let raw: String
    let eof: Bool
    let expected: [HTTPResponse]
    var testDescription: String { name }
}

private func response(_ status: Int, _ reason: String?, _ headers: [(String, String)], body: String = "", version: HTTPVersion = .http1_1) -> HTTPResponse {
    HTTPResponse(head: HTTPResponseHead(status: status, reason: reason, version: version, headers: HTTPHeaders(headers)), body: Array(body.utf8))
}

@Suite struct HTTPResponseParserTests {
    static let accepted: [AcceptedResponse] = [
        AcceptedResponse(name: "Content-Length body", methods: [.GET], raw: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello", eof: false,
                         expected: [response(200, "OK", [("Content-Length", "5"), ("Content-Type", "text/plain")], body: "hello")]),
        AcceptedResponse(name: "chunked body with trailer", methods: [.POST], raw: "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4;x=y\r\ndefg\r\n0\r\nX-T: 1\r\n\r\n", eof: false,
                         expected: [response(201, "Created", [("Transfer-Encoding", "chunked")], body: "abcdefg")]),
        AcceptedResponse(name: "body until EOF", methods: [.GET], raw: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this until close", eof: true,
                         expected: [response(200, "OK", [("Content-Type", "text/plain")], body: "all of this until close")]),
        AcceptedResponse(name: "HTTP/1.0 body until EOF", methods: [.GET], raw: "HTTP/1.0 200 OK\r\n\r\nold", eof: true,
                         expected: [response(200, "OK", [], body: "old", version: .http1_0)]),
        AcceptedResponse(name: "HEAD response has no body despite Content-Length", methods: [.HEAD, .GET],
                         raw: "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", eof: false,
                         expected: [response(200, "OK", [("Content-Length", "1234")]), response(200, "OK", [("Content-Length", "2")], body: "ok")]),
        AcceptedResponse(name: "HEAD response with a huge Content-Length", methods: [.HEAD], raw: "HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n", eof: false,
                         expected: [response(200, "OK", [("Content-Length", "99999999999")])]),
        AcceptedResponse(name: "204 has no body", methods: [.DELETE, .GET],
                         raw: "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", eof: false,
                         expected: [response(204, "No Content", []), response(200, "OK", [("Content-Length", "1")], body: "x")]),
        AcceptedResponse(name: "304 has no body despite Content-Length", methods: [.GET, .GET],
                         raw: "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\nETag: \"e\"\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\ny", eof: false,
                         expected: [response(304, "Not Modified", [("Content-Length", "10"), ("ETag", "\"e\"")]), response(200, "OK", [("Content-Length", "1")], body: "y")]),
        AcceptedResponse(name: "100 Continue is skipped", methods: [.PUT],
                         raw: "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", eof: false,
                         expected: [response(200, "OK", [("Content-Length", "2")], body: "ok")]),
        AcceptedResponse(name: "status line without reason", methods: [.GET, .GET],
                         raw: "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\nHTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n", eof: false,
                         expected: [response(200, nil, [("Content-Length", "0")]), response(404, nil, [("Content-Length", "0")])]),
        AcceptedResponse(name: "custom reason phrase", methods: [.GET], raw: "HTTP/1.1 299 All Good\tHere\r\nContent-Length: 0\r\n\r\n", eof: false,
                         expected: [response(299, "All Good\tHere", [("Content-Length", "0")])]),
        AcceptedResponse(name: "pipelined responses", methods: [.GET, .POST, .GET],
                         raw: "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nb\r\n0\r\n\r\nHTTP/1.1 500 Internal Server Error\r\nContent-Length: 1\r\n\r\nc", eof: false,
                         expected: [response(200, "OK", [("Content-Length", "1")], body: "a"),
                                    response(201, "Created", [("Transfer-Encoding", "chunked")], body: "b"),
                                    response(500, "Internal Server Error", [("Content-Length", "1")], body: "c")]),
    ]

    @Test(arguments: accepted)
    func acceptsResponse(_ fixture: AcceptedResponse) {
        let outcome = parseResponses(fixture.raw, to: fixture.methods, eof: fixture.eof)
        #expect(outcome.error == nil)
        #expect(outcome.messages == fixture.expected)
    }

    @Test(arguments: accepted)
    func byteByByteFeedingMatchesOneShot(_ fixture: AcceptedResponse) {
        let outcome = parseResponses(fixture.raw, to: fixture.methods, eof: fixture.eof, feeding: .byteByByte)
        #expect(outcome.error == nil)
        #expect(outcome.messages == fixture.expected)
    }

    @Test func interimResponsesCanBeDelivered() {
        let raw = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
        let outcome = parseResponses(raw, to: [.PUT], deliverInterim: true)
        #expect(outcome.messages.map(\.status) == [100, 200])
        #expect(outcome.messages.last?.body == Array("ok".utf8))
    }

    @Test func switchingProtocolsIsFinalAndBodilessForARequestThatAskedToUpgrade() throws {
        var parser = HTTPResponseParser()
        parser.expectResponse(to: .GET, upgrade: true)
        parser.append(Array("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n".utf8))
        guard case .head(let head) = try parser.next() else {
            Issue.record("expected a head")
            return
        }
        #expect(head.status == 101)
        #expect(try parser.next() == .end)
    }

    @Test func switchingProtocolsNobodyAskedForIsRefused() {
        let raw = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n"
        let outcome = parseResponses(raw, to: [.GET])
        #expect(outcome.error == .unsolicitedSwitchingProtocols)
        #expect(outcome.messages.isEmpty)
        #expect(HTTPParseError.unsolicitedSwitchingProtocols.status == 502)
        // After an interim response too: 101 is never a final answer to a plain request.
        #expect(parseResponses("HTTP/1.1 100 Continue\r\n\r\n" + raw, to: [.PUT]).error == .unsolicitedSwitchingProtocols)
    }

    @Test func earlyHintsAndContinueAreSkippedAndTheirHeadersDropped() {
        let raw = "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\nHTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal"
        let outcome = parseResponses(raw, to: [.GET])
        #expect(outcome.error == nil)
        #expect(outcome.messages == [response(200, "OK", [("Content-Length", "5")], body: "final")])
    }

    @Test func untilCloseBodyEndsOnlyAtEOF() throws {
        var parser = HTTPResponseParser()
        parser.expectResponse(to: .GET)
        parser.append(Array("HTTP/1.1 200 OK\r\n\r\nabc".utf8))
        guard case .head = try parser.next() else {
            Issue.record("expected a head")
            return
        }
        #expect(try parser.next() == .body(Array("abc".utf8)[...]))
        #expect(try parser.next() == nil)
        #expect(try parser.finishAtEOF() == .end)
        #expect(try parser.finishAtEOF() == nil)
    }

    @Test func cleanEOFWhenIdleIsNotAnError() throws {
        var parser = HTTPResponseParser()
        #expect(try parser.finishAtEOF() == nil)
        #expect(parser.isIdle)
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        let name: String
        let raw: String
        let method: HTTPMethod
        let eof: Bool
        let error: HTTPParseError
        init(_ name: String, _ raw: String, _ error: HTTPParseError, method: HTTPMethod = .GET, eof: Bool = false) {
            self.name = name
            self.raw = raw
            self.method = method
            self.eof = eof
            self.error = error
        }
        var testDescription: String { name }
    }

    static let failures: [Failure] = [
        Failure("two-digit status", "HTTP/1.1 20 OK\r\n\r\n", .invalidStatusLine),
        Failure("four-digit status", "HTTP/1.1 2000 OK\r\n\r\n", .invalidStatusLine),
        Failure("letters for status", "HTTP/1.1 abc OK\r\n\r\n", .invalidStatusLine),
        Failure("status below 100", "HTTP/1.1 099 Low\r\n\r\n", .invalidStatusLine),
        Failure("status 000", "HTTP/1.1 000 Zero\r\nContent-Length: 0\r\n\r\n", .invalidStatusLine),
        Failure("status 600", "HTTP/1.1 600 Beyond\r\nContent-Length: 2\r\n\r\nok", .invalidStatusLine),
        Failure("status 999", "HTTP/1.1 999 Custom\r\nContent-Length: 0\r\n\r\n", .invalidStatusLine),
        Failure("status 1000", "HTTP/1.1 1000 Big\r\nContent-Length: 0\r\n\r\n", .invalidStatusLine),
        Failure("status 600 without reason", "HTTP/1.1 600\r\n\r\n", .invalidStatusLine),
        Failure("unsolicited 101", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n", .unsolicitedSwitchingProtocols),
        Failure("double space", "HTTP/1.1  200 OK\r\n\r\n", .invalidStatusLine),
        Failure("misspelled version", "HTP/1.1 200 OK\r\n\r\n", .invalidStatusLine),
        Failure("lowercase version", "http/1.1 200 OK\r\n\r\n", .invalidStatusLine),
        Failure("control byte in reason", "HTTP/1.1 200 O\u{0}K\r\n\r\n", .invalidStatusLine),
        Failure("HTTP/2.0 status line", "HTTP/2.0 200 OK\r\n\r\n", .unsupportedVersion),
        Failure("bare LF", "HTTP/1.1 200 OK\nContent-Length: 0\n\n", .bareLineFeed),
        Failure("content-length with transfer-encoding", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", .contentLengthWithTransferEncoding),
        Failure("conflicting content-length", "HTTP/1.1 200 OK\r\nContent-Length: 3, 4\r\n\r\nabcd", .conflictingContentLength),
        Failure("bad content-length", "HTTP/1.1 200 OK\r\nContent-Length: 3x\r\n\r\nabc", .invalidContentLength),
        Failure("gzip transfer coding", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", .unsupportedTransferCoding),
        Failure("chunked not last", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", .transferEncodingNotChunked),
        Failure("bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n", .invalidChunkSize),
        Failure("bad chunk framing", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\naX", .invalidChunkFraming),
        Failure("obs-fold", "HTTP/1.1 200 OK\r\nX-A: 1\r\n 2\r\n\r\n", .obsoleteLineFolding),
        Failure("content-length over 10 MiB", "HTTP/1.1 200 OK\r\nContent-Length: 10485761\r\n\r\n", .bodyTooLarge),
        Failure("EOF inside a Content-Length body", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", .truncatedMessage, eof: true),
        Failure("EOF inside a chunked body", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", .truncatedMessage, eof: true),
        Failure("EOF inside the head", "HTTP/1.1 200 OK\r\nContent-Le", .truncatedMessage, eof: true),
        Failure("EOF inside the status line", "HTTP/1.1 2", .truncatedMessage, eof: true),
        Failure("EOF before any byte", "", .closedWithoutResponse, eof: true),
        Failure("EOF after an interim response", "HTTP/1.1 100 Continue\r\n\r\n", .truncatedMessage, eof: true),
    ]

    @Test(arguments: failures)
    func refusesMalformedResponses(_ failure: Failure) {
        let outcome = parseResponses(failure.raw, to: [failure.method], eof: failure.eof)
        #expect(outcome.error == failure.error)
        #expect(outcome.messages.isEmpty)
    }

    @Test func bytesWithoutARequestAreUnexpected() {
        let outcome = parseResponses("HTTP/1.1 408 Request Timeout\r\n\r\n", to: [])
        #expect(outcome.error == .unexpectedResponse)
        #expect(HTTPParseError.unexpectedResponse.status == 502)
    }

    @Test func responseBodiesOverTheLimitAreRefused() {
        let limits = HTTPLimits(maxBodyBytes: 10)
        #expect(parseResponses("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", limits: limits).messages.count == 1)
        #expect(parseResponses("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n", limits: limits).error == .bodyTooLarge)
        #expect(parseResponses("HTTP/1.1 200 OK\r\n\r\n0123456789", limits: limits, eof: true).messages.count == 1)
        #expect(parseResponses("HTTP/1.1 200 OK\r\n\r\n0123456789A", limits: limits, eof: true).error == .bodyTooLarge)
        #expect(parseResponses("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n", limits: limits).error == .bodyTooLarge)
    }

    @Test func headResponseWithContentLengthOverTheLimitIsFine() {
        let outcome = parseResponses("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n", to: [.HEAD], limits: HTTPLimits(maxBodyBytes: 10))
        #expect(outcome.error == nil)
        #expect(outcome.messages.count == 1)
    }
}
