import Testing
@testable import DataPlane
@testable import Shared

@Suite struct HeaderPolicyTests {
    static let upstream = HTTPHeaders([
        ("Connection", "keep-alive"), ("Content-Length", "12"), ("Date", "Tue, 21 Dec 2021 14:51:23 GMT"), ("Server", "nginx"),
        ("x-amzn-RequestId", "upstream-id"), ("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip"), ("Via", "1.1 cdn"),
        ("WWW-Authenticate", "Basic"), ("User-Agent", "backend"), ("Content-Type", "text/plain"), ("X-Plain", "1"),
        ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"),
    ])

    @Test func httpProxyRemapsTheCommonSetAndDropsFraming() {
        let out = HeaderPolicy.methodResponseHeaders(Self.upstream, kind: .httpProxy)
        #expect(out["x-amzn-Remapped-Connection"] == "keep-alive")
        #expect(out["x-amzn-Remapped-Content-Length"] == "12")
        #expect(out["x-amzn-Remapped-Date"] == "Tue, 21 Dec 2021 14:51:23 GMT")
        #expect(out["x-amzn-Remapped-Server"] == "nginx")
        #expect(out["x-amzn-Remapped-x-amzn-RequestId"] == "upstream-id")
        for gone in ["Connection", "Content-Length", "Date", "Server", "x-amzn-RequestId", "Transfer-Encoding", "Via"] {
            #expect(out[gone] == nil, "\(gone)")
        }
        #expect(out["Content-Encoding"] == "gzip")        // kept: the body is passed through unchanged
        #expect(out["WWW-Authenticate"] == "Basic")       // remapped only for non-proxy integrations
        #expect(out["User-Agent"] == "backend")
        #expect(out["X-Plain"] == "1")
        #expect(out.values("Set-Cookie") == ["a=1", "b=2"])
    }

    @Test func nonProxyAlsoRemapsAuthenticationAndAgentHeaders() {
        let out = HeaderPolicy.methodResponseHeaders(Self.upstream, kind: .http)
        #expect(out["x-amzn-Remapped-WWW-Authenticate"] == "Basic")
        #expect(out["x-amzn-Remapped-User-Agent"] == "backend")
        #expect(out["WWW-Authenticate"] == nil)
        #expect(out["Via"] == "1.1 cdn")
        #expect(out["Transfer-Encoding"] == nil)
    }

    @Test func dropsRequestHeadersAwsNeverForwards() {
        let client = HTTPHeaders([
            ("Host", "h"), ("Connection", "Upgrade, X-Secret"), ("Upgrade", "h2c"), ("X-Secret", "s"), ("Content-MD5", "x"),
            ("Max-Forwards", "3"), ("Proxy-Authenticate", "p"), ("Server", "s"), ("Trailer", "t"), ("WWW-Authenticate", "w"),
            ("Accept", "*/*"), ("X-Keep", "k"),
        ])
        let out = HeaderPolicy.forwardableRequestHeaders(client)
        #expect(out.fields.map(\.name) == ["Host", "Accept", "X-Keep"])
    }
}
