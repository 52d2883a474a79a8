import Testing
@testable import Shared

/// A version's wire text (`$context.protocol` in access logs, the status line).
@Suite struct HTTPVersionTests {
    @Test func writesEveryVersionAsItAppearsOnTheWire() {
        #expect(HTTPVersion.http1_1.description == "HTTP/1.1")
        #expect(HTTPVersion.http1_0.description == "HTTP/1.0")
        #expect(HTTPVersion(major: 2, minor: 0).description == "HTTP/2.0")
        #expect(HTTPVersion(major: 0, minor: 9).description == "HTTP/0.9")
        #expect(HTTPVersion(major: 1, minor: 2).description == "HTTP/1.2")
    }
}
