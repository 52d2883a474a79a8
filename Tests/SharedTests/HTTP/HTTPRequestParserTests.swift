import Testing
@testable import Shared

/// A request the parser must accept, with what it must yield.
struct AcceptedRequest: Sendable, CustomTestStringConvertible {
    let name: String
    let raw: String
    let expected: [HTTPRequest]

    init(_ name: String, _ raw: String, _ expected: HTTPRequest...) {
        self.name = name
        self.raw = raw
        self.expected = expected
    }

    var testDescription: String { name }
}

private func request(
    _ method: HTTPMethod, _ target: String, _ headers: [(String, String)],
    version: HTTPVersion = .http1_1, body: String = ""
) -> HTTPRequest {
    HTTPRequest(head: HTTPRequestHead(method: method, target: target, version: version, headers: HTTPHeaders(headers)), body: Array(body.utf8))
}

@Suite struct HTTPRequestParserTests {
    static let accepted: [AcceptedRequest] = [
        AcceptedRequest("simple GET", "GET /pets?limit=2 HTTP/1.1\r\nHost: api.example\r\nAccept: */*\r\n\r\n",
                        request(.GET, "/pets?limit=2", [("Host", "api.example"), ("Accept", "*/*")])),
        AcceptedRequest("POST with Content-Length", "POST /pets HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n{\"a\":\"bcd\"}",
                        request(.POST, "/pets", [("Host", "a"), ("Content-Length", "11")], body: "{\"a\":\"bcd\"}")),
        AcceptedRequest("chunked with extensions and trailers",
                        "POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4;name=value;q=\"x;\\\"y\"\r\nWiki\r\n5 ; ext\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0;last\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n",
                        request(.POST, "/up", [("Host", "a"), ("Transfer-Encoding", "chunked")], body: "Wikipedia in\r\n\r\nchunks.")),
        AcceptedRequest("chunked with uppercase hex and leading zeros", "PUT / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n00A\r\n0123456789\r\n000\r\n\r\n",
                        request(.PUT, "/", [("Host", "a"), ("Transfer-Encoding", "chunked")], body: "0123456789")),
        AcceptedRequest("chunked with an empty body", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        request(.POST, "/", [("Host", "a"), ("Transfer-Encoding", "chunked")])),
        AcceptedRequest("transfer-encoding with tab OWS", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\tchunked\r\n\r\n1\r\nx\r\n0\r\n\r\n",
                        request(.POST, "/", [("Host", "a"), ("Transfer-Encoding", "chunked")], body: "x")),
        AcceptedRequest("transfer-encoding in any case with empty list elements", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: , CHUNKED ,\r\n\r\n1\r\nx\r\n0\r\n\r\n",
                        request(.POST, "/", [("Host", "a"), ("Transfer-Encoding", ", CHUNKED ,")], body: "x")),
        AcceptedRequest("content-length with leading zeros is decimal", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0010\r\n\r\n0123456789",
                        request(.POST, "/", [("Host", "a"), ("Content-Length", "0010")], body: "0123456789")),
        AcceptedRequest("identical content-length list", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc",
                        request(.POST, "/", [("Host", "a"), ("Content-Length", "3, 3")], body: "abc")),
        AcceptedRequest("identical content-length fields", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\ncontent-length: 3\r\n\r\nabc",
                        request(.POST, "/", [("Host", "a"), ("Content-Length", "3"), ("content-length", "3")], body: "abc")),
        AcceptedRequest("HTTP/1.0 without Host", "GET /old HTTP/1.0\r\nUser-Agent: x\r\n\r\n",
                        request(.GET, "/old", [("User-Agent", "x")], version: .http1_0)),
        AcceptedRequest("absolute-form target", "GET http://example.com:8080/a/b?c=d HTTP/1.1\r\nHost: example.com:8080\r\n\r\n",
                        request(.GET, "http://example.com:8080/a/b?c=d", [("Host", "example.com:8080")])),
        AcceptedRequest("OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
                        request(.OPTIONS, "*", [("Host", "a")])),
        AcceptedRequest("CONNECT authority-form", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
                        request(.CONNECT, "example.com:443", [("Host", "example.com:443")])),
        AcceptedRequest("extension method", "PURGE /cache HTTP/1.1\r\nHost: a\r\n\r\n",
                        request(HTTPMethod("PURGE"), "/cache", [("Host", "a")])),
        AcceptedRequest("values trimmed of OWS keep inner spaces and tabs", "GET / HTTP/1.1\r\nHost: a\r\nX-A: \t one  two\tthree \t\r\n\r\n",
                        request(.GET, "/", [("Host", "a"), ("X-A", "one  two\tthree")])),
        AcceptedRequest("empty field values", "GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Blank:   \r\n\r\n",
                        request(.GET, "/", [("Host", "a"), ("X-Empty", ""), ("X-Blank", "")])),
        AcceptedRequest("empty Host", "GET / HTTP/1.1\r\nHost:\r\n\r\n",
                        request(.GET, "/", [("Host", "")])),
        AcceptedRequest("IPv6 Host", "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n",
                        request(.GET, "/", [("Host", "[::1]:8080")])),
        AcceptedRequest("field names keep their case and order", "GET / HTTP/1.1\r\nx-b: 1\r\nHOST: a\r\nX-B: 2\r\n\r\n",
                        request(.GET, "/", [("x-b", "1"), ("HOST", "a"), ("X-B", "2")])),
        AcceptedRequest("empty lines before the request line are skipped", "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
                        request(.GET, "/", [("Host", "a")])),
        AcceptedRequest("field value with obs-text and quotes", "GET / HTTP/1.1\r\nHost: a\r\nX-A: caf\u{E9} \"q\" (c)\r\n\r\n",
                        request(.GET, "/", [("Host", "a"), ("X-A", "caf\u{E9} \"q\" (c)")])),
        AcceptedRequest("GET with a body", "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi",
                        request(.GET, "/", [("Host", "a"), ("Content-Length", "2")], body: "hi")),
        AcceptedRequest("three pipelined requests",
                        "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloPUT /3 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
                        request(.GET, "/1", [("Host", "a")]),
                        request(.POST, "/2", [("Host", "a"), ("Content-Length", "5")], body: "hello"),
                        request(.PUT, "/3", [("Host", "a"), ("Transfer-Encoding", "chunked")], body: "abcde")),
    ]

    @Test(arguments: accepted)
    func acceptsOneShot(_ fixture: AcceptedRequest) {
        let outcome = parseRequests(fixture.raw)
        #expect(outcome.error == nil)
        #expect(!outcome.inProgress)
        #expect(outcome.messages == fixture.expected)
    }

    @Test(arguments: accepted)
    func byteByByteFeedingMatchesOneShot(_ fixture: AcceptedRequest) {
        let oneShot = parseRequests(fixture.raw)
        let byteByByte = parseRequests(fixture.raw, feeding: .byteByByte)
        #expect(byteByByte == oneShot)
        #expect(byteByByte.messages == fixture.expected)
    }

    @Test(arguments: accepted)
    func everySplitPointMatchesOneShot(_ fixture: AcceptedRequest) {
        let bytes = Array(fixture.raw.utf8)
        for cut in 0...bytes.count {
            #expect(parseRequests(bytes, feeding: .split(cut)).messages == fixture.expected, "split at \(cut)")
        }
    }

    @Test func pipelinedRequestsComeOutInOrderWithTheirEvents() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyzDELETE /3 HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        var trace: [String] = []
        while let event = try parser.next() {
            switch event {
            case .head(let head): trace.append("head \(head.method) \(head.target)")
            case .body(let body): trace.append("body \(String(decoding: body, as: UTF8.self))")
            case .end: trace.append("end")
            }
        }
        #expect(trace == ["head GET /1", "end", "head POST /2", "body xyz", "end", "head DELETE /3", "end"])
        #expect(parser.bufferedByteCount == 0)
        #expect(parser.isIdle)
    }

    @Test func needsMoreBytesUntilTheHeadIsComplete() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n".utf8))
        #expect(try parser.next() == nil)
        #expect(!parser.isIdle)
        parser.append(Array("\r\n".utf8))
        guard case .head(let head) = try parser.next() else {
            Issue.record("expected a head")
            return
        }
        #expect(head.headers["host"] == "a")
        #expect(try parser.next() == .end)
        #expect(try parser.next() == nil)
    }

    @Test func bodyPartsArriveAsTheyAreAppended() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\nabc".utf8))
        guard case .head = try parser.next() else {
            Issue.record("expected a head")
            return
        }
        #expect(try parser.next() == .body(Array("abc".utf8)[...]))
        #expect(try parser.next() == nil)
        "def".utf8.withContiguousStorageIfAvailable { parser.append(UnsafeRawBufferPointer($0)) }
        #expect(try parser.next() == .body(Array("def".utf8)[...]))
        #expect(try parser.next() == .end)
    }

    @Test func largeBodiesStreamThroughABoundedBuffer() throws {
        var parser = HTTPRequestParser()
        let size = 3 * 1024 * 1024
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(size)\r\n\r\n".utf8))
        var received = 0
        var maxBuffered = 0
        let piece = [UInt8](repeating: 0x61, count: 65_536)
        var sent = 0
        var ended = false
        while !ended {
            if sent < size {
                parser.append(piece)
                sent += piece.count
            }
            maxBuffered = max(maxBuffered, parser.bufferedByteCount)
            while let event = try parser.next() {
                switch event {
                case .head: break
                case .body(let part): received += part.count
                case .end: ended = true
                }
            }
        }
        #expect(received == size)
        #expect(maxBuffered <= 65_536 + 64)
    }
}
