import Testing
@testable import Shared

/// Keep-alive and `Expect: 100-continue` as read from a request head.
@Suite struct HTTPRequestHeadConnectionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let version: HTTPVersion
        let connection: [String]
        let keepAlive: Bool
        var testDescription: String { "\(version) Connection: \(connection) → \(keepAlive)" }
    }

    static let keepAliveCases: [Case] = [
        Case(version: .http1_1, connection: [], keepAlive: true),
        Case(version: .http1_1, connection: ["close"], keepAlive: false),
        Case(version: .http1_1, connection: ["Close"], keepAlive: false),
        Case(version: .http1_1, connection: ["keep-alive, CLOSE"], keepAlive: false),
        Case(version: .http1_1, connection: ["upgrade", "close"], keepAlive: false),
        Case(version: .http1_1, connection: ["keep-alive"], keepAlive: true),
        Case(version: .http1_1, connection: ["closed"], keepAlive: true),
        Case(version: .http1_0, connection: [], keepAlive: false),
        Case(version: .http1_0, connection: ["keep-alive"], keepAlive: true),
        Case(version: .http1_0, connection: ["Keep-Alive"], keepAlive: true),
        Case(version: .http1_0, connection: ["te, keep-alive"], keepAlive: true),
        Case(version: .http1_0, connection: ["keep-alive", "close"], keepAlive: false),
    ]

    @Test(arguments: keepAliveCases)
    func keepAliveFollowsVersionAndConnection(_ c: Case) {
        var headers: HTTPHeaders = ["Host": "a"]
        for value in c.connection { headers.add("Connection", value) }
        #expect(HTTPRequestHead(method: .GET, target: "/", version: c.version, headers: headers).isKeepAlive == c.keepAlive)
        #expect(HTTPResponseHead(status: 200, version: c.version, headers: headers).isKeepAlive == c.keepAlive)
    }

    @Test(arguments: [
        ("100-continue", true), ("100-Continue", true), ("  100-CONTINUE ", true), ("200-ok", false), ("", false),
    ])
    func expectContinueIsCaseInsensitive(_ value: String, _ expected: Bool) {
        let head = HTTPRequestHead(method: .PUT, target: "/", headers: ["Host": "a", "Expect": value])
        #expect(head.expectsContinue == expected)
    }

    @Test func expectContinueNeedsHTTP11() {
        let head = HTTPRequestHead(method: .PUT, target: "/", version: .http1_0, headers: ["Expect": "100-continue"])
        #expect(!head.expectsContinue)
        #expect(!HTTPRequestHead(method: .PUT, target: "/", headers: ["Host": "a"]).expectsContinue)
    }

    @Test func parsedHeadsAnswerThroughTheParser() throws {
        let outcome = parseRequests("PUT /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nConnection: close\r\nContent-Length: 1\r\n\r\nz")
        let head = try #require(outcome.messages.first?.head)
        #expect(head.expectsContinue)
        #expect(!head.isKeepAlive)
    }
}
