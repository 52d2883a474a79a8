import Testing
@testable import Shared

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

@Suite struct HTTPSerializerTests {
    @Test func serializesAResponseWithContentLength() {
        let response = HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: Array("hello".utf8))
        let bytes = HTTPSerializer.serialize(response, forRequestMethod: .GET, keepAlive: true)
        #expect(text(bytes) == "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello")
    }

    @Test func replacesFramingFieldsSetByTheHandler() {
        let response = HTTPResponse(status: 200, headers: ["Content-Length": "999", "Transfer-Encoding": "chunked", "X-A": "1"], body: Array("ab".utf8))
        let bytes = HTTPSerializer.serialize(response, forRequestMethod: .GET, keepAlive: true)
        #expect(text(bytes) == "HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 2\r\n\r\nab")
    }

    @Test func headKeepsContentLengthButNotTheBody() {
        let withBody = HTTPResponse(status: 200, body: Array("hello".utf8))
        #expect(text(HTTPSerializer.serialize(withBody, forRequestMethod: .HEAD, keepAlive: true)) == "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
        let proxied = HTTPResponse(status: 200, headers: ["Content-Length": "1234"])
        #expect(text(HTTPSerializer.serialize(proxied, forRequestMethod: .HEAD, keepAlive: true)) == "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n")
        let empty = HTTPResponse(status: 200)
        #expect(text(HTTPSerializer.serialize(empty, forRequestMethod: .HEAD, keepAlive: true)) == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    }

    @Test(arguments: [100, 204])
    func bodilessStatusesHaveNoLengthAndNoBody(_ status: Int) {
        let response = HTTPResponse(status: status, headers: ["Content-Length": "3"], body: Array("abc".utf8))
        let expected = "HTTP/1.1 \(status) \(HTTPStatusPhrase.phrase(for: status))\r\n\r\n"
        #expect(text(HTTPSerializer.serialize(response, forRequestMethod: .GET, keepAlive: true)) == expected)
    }

    @Test func notModifiedHasNoBodyAndKeepsADeclaredLength() {
        let plain = HTTPResponse(status: 304, headers: ["ETag": "\"x\""], body: Array("abc".utf8))
        #expect(text(HTTPSerializer.serialize(plain, forRequestMethod: .GET, keepAlive: true)) == "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n")
        let declared = HTTPResponse(status: 304, headers: ["Content-Length": "10"])
        #expect(text(HTTPSerializer.serialize(declared, forRequestMethod: .GET, keepAlive: true)) == "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n")
    }

    @Test func connectionFieldFollowsKeepAlive() {
        let response = HTTPResponse(status: 200, headers: ["Connection": "keep-alive"])
        #expect(text(HTTPSerializer.serialize(response, forRequestMethod: .GET, keepAlive: false))
            == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        #expect(text(HTTPSerializer.serialize(response, forRequestMethod: .GET, keepAlive: true))
            == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        #expect(text(HTTPSerializer.serialize(HTTPResponse(status: 200), forRequestMethod: .GET, keepAlive: true, requestVersion: .http1_0))
            == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n")
    }

    @Test func dropsFieldsThatWouldBreakTheHead() {
        let headers = HTTPHeaders([
            ("X-Injected", "a\r\nSet-Cookie: evil=1"), ("X-LF", "a\nb"), ("X-NUL", "a\u{0}b"), ("Bad Name", "v"),
            ("", "v"), ("X-Tab", "a\tb"), ("X-Ok", "fine"),
        ])
        let bytes = HTTPSerializer.serialize(HTTPResponse(status: 200, headers: headers), forRequestMethod: .GET, keepAlive: true)
        #expect(text(bytes) == "HTTP/1.1 200 OK\r\nX-Tab: a\tb\r\nX-Ok: fine\r\nContent-Length: 0\r\n\r\n")
    }

    @Test func reasonPhrasesAreStandardOrSanitised() {
        var head = HTTPResponseHead(status: 404, reason: "Gone\r\nX: y")
        var out: [UInt8] = []
        HTTPSerializer.writeResponseHead(head, contentLength: 0, into: &out)
        #expect(text(out) == "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
        head.reason = "Nope"
        out = []
        HTTPSerializer.writeResponseHead(head, contentLength: 0, into: &out)
        #expect(text(out) == "HTTP/1.1 404 Nope\r\nContent-Length: 0\r\n\r\n")
        out = []
        HTTPSerializer.writeResponseHead(HTTPResponseHead(status: 42), contentLength: 0, into: &out)
        #expect(text(out) == "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n")
    }

    @Test func responseHeadWithoutLengthAnnouncesChunked() {
        var out: [UInt8] = []
        HTTPSerializer.writeResponseHead(HTTPResponseHead(status: 200, headers: ["X": "1"]), contentLength: nil, into: &out)
        #expect(text(out) == "HTTP/1.1 200 OK\r\nX: 1\r\nTransfer-Encoding: chunked\r\n\r\n")
        out = []
        HTTPSerializer.writeResponseHead(HTTPResponseHead(status: 100), contentLength: nil, into: &out)
        #expect(text(out) == "HTTP/1.1 100 Continue\r\n\r\n")
    }

    @Test(arguments: [
        (200, "OK"), (201, "Created"), (204, "No Content"), (400, "Bad Request"), (403, "Forbidden"), (404, "Not Found"),
        (413, "Content Too Large"), (414, "URI Too Long"), (429, "Too Many Requests"), (431, "Request Header Fields Too Large"),
        (500, "Internal Server Error"), (502, "Bad Gateway"), (504, "Gateway Timeout"), (505, "HTTP Version Not Supported"), (299, ""),
    ])
    func statusPhrases(_ status: Int, _ phrase: String) {
        #expect(HTTPStatusPhrase.phrase(for: status).description == phrase)
    }

    // MARK: - Requests

    @Test func serializesARequest() {
        let request = HTTPRequest(head: HTTPRequestHead(method: .POST, target: "/pets?x=1", headers: ["Host": "up:8080", "Content-Length": "1"]), body: Array("{}".utf8))
        #expect(text(HTTPSerializer.serialize(request)) == "POST /pets?x=1 HTTP/1.1\r\nHost: up:8080\r\nContent-Length: 2\r\n\r\n{}")
    }

    @Test func contentLengthZeroOnlyForMethodsWithBodies() {
        let post = HTTPRequest(head: HTTPRequestHead(method: .POST, target: "/", headers: ["Host": "a"]))
        #expect(text(HTTPSerializer.serialize(post)) == "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")
        let get = HTTPRequest(head: HTTPRequestHead(method: .GET, target: "/", headers: ["Host": "a"]))
        #expect(text(HTTPSerializer.serialize(get)) == "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
    }

    @Test func targetBytesOutsideVisibleASCIIArePercentEncoded() {
        let request = HTTPRequest(head: HTTPRequestHead(method: .GET, target: "/a b/caf\u{E9}\r\n", headers: ["Host": "a"]))
        #expect(text(HTTPSerializer.serialize(request)) == "GET /a%20b/caf%C3%A9%0D%0A HTTP/1.1\r\nHost: a\r\n\r\n")
    }

    @Test func serializedRequestParsesBackToTheSameRequest() {
        let request = HTTPRequest(head: HTTPRequestHead(method: .PUT, target: "/r?q=1", headers: ["Host": "h", "X-A": "b c"]), body: Array("payload".utf8))
        let parsed = parseRequests(HTTPSerializer.serialize(request))
        var expected = request
        expected.head.headers.add("Content-Length", "7")
        #expect(parsed.messages == [expected])
    }

    @Test func serializedResponseParsesBackToTheSameResponse() {
        let response = HTTPResponse(status: 201, headers: ["X-A": "1"], body: Array("created".utf8))
        let parsed = parseResponses(HTTPSerializer.serialize(response, forRequestMethod: .POST, keepAlive: true), to: [.POST])
        #expect(parsed.messages.first?.body == response.body)
        #expect(parsed.messages.first?.headers["content-length"] == "7")
        #expect(parsed.messages.first?.head.reason == "Created")
    }

    // MARK: - Chunked

    @Test func writesChunksInHex() {
        var out: [UInt8] = []
        HTTPSerializer.writeChunk([UInt8](repeating: 0x61, count: 26), into: &out)
        HTTPSerializer.writeChunk([UInt8](), into: &out)
        HTTPSerializer.writeLastChunk(into: &out)
        #expect(text(out) == "1a\r\n" + String(repeating: "a", count: 26) + "\r\n0\r\n\r\n")
    }

    @Test(arguments: [0, 1, 9, 10, 15, 16, 255, 256, 4095, 65_536, 1_000_000, Int(Int32.max), Int.max])
    func writesNumbers(_ value: Int) {
        var decimal: [UInt8] = []
        HTTPSerializer.writeDecimal(value, into: &decimal)
        #expect(text(decimal) == String(value))
        var hex: [UInt8] = []
        HTTPSerializer.writeHex(value, into: &hex)
        #expect(text(hex) == String(value, radix: 16))
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func chunkedRoundTripKeepsTheBody(_ seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var chunkSizes = (0..<20).map { _ in Int.random(in: 0...5_000, using: &random) }
        chunkSizes += [0, 1, 300_000]
        chunkSizes.shuffle(using: &random)
        var body: [UInt8] = []
        var wire = Array("POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        for size in chunkSizes {
            let chunk = (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }
            body += chunk
            HTTPSerializer.writeChunk(chunk, into: &wire)
        }
        HTTPSerializer.writeLastChunk(into: &wire)
        let oneShot = parseRequests(wire)
        #expect(oneShot.error == nil)
        #expect(oneShot.messages.first?.body == body)
        let split = parseRequests(wire, feeding: .split(Int.random(in: 0...wire.count, using: &random)))
        #expect(split.messages.first?.body == body)

        var response: [UInt8] = []
        HTTPSerializer.writeResponseHead(HTTPResponseHead(status: 200), contentLength: nil, into: &response)
        for size in chunkSizes.prefix(5) { HTTPSerializer.writeChunk(body.prefix(size), into: &response) }
        HTTPSerializer.writeLastChunk(into: &response)
        let expected = chunkSizes.prefix(5).flatMap { body.prefix($0) }
        #expect(parseResponses(response).messages.first?.body == expected)
    }

    @Test func emptyChunkedBodyRoundTrips() {
        var wire = Array("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        HTTPSerializer.writeLastChunk(into: &wire)
        #expect(parseRequests(wire).messages.first?.body == [])
    }
}
