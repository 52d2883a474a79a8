import Testing
@testable import Shared

@Suite struct HTTPClientRequestTests {
    @Test func theHeadAndTheBodyAsIsAreTheWholeRequest() {
        let body = [UInt8](repeating: 0x7A, count: 20_000)
        let request = HTTPClientRequest(host: "127.0.0.1", port: 8080, method: .POST, target: "/up",
                                        headers: ["Content-Type": "text/plain", "Content-Length": "5"], body: body)
        var head: [UInt8] = []
        request.writeHead(into: &head)
        #expect(String(decoding: head, as: UTF8.self)
            == "POST /up HTTP/1.1\r\nContent-Type: text/plain\r\nHost: 127.0.0.1:8080\r\nContent-Length: 20000\r\n\r\n")
        var expected = HTTPRequestHead(method: .POST, target: "/up", version: .http1_1, headers: ["Content-Type": "text/plain"])
        expected.headers.add("Host", "127.0.0.1:8080")
        #expect(head + body == HTTPSerializer.serialize(HTTPRequest(head: expected, body: body)))
    }

    @Test func aGetWithoutBodyDeclaresNoLength() {
        var head: [UInt8] = []
        HTTPClientRequest(host: "example.test", port: 80, target: "/").writeHead(into: &head)
        #expect(String(decoding: head, as: UTF8.self) == "GET / HTTP/1.1\r\nHost: example.test\r\n\r\n")
    }
}
