import Testing
@testable import Shared

/// `--control-plane` URLs: http and https (issue 15), default ports, base paths.
@Suite struct HTTPEndpointAddressTests {
    @Test(arguments: [
        ("http://127.0.0.1:4000", "127.0.0.1", 4000, "", false, "http://127.0.0.1:4000"),
        ("http://cp.internal", "cp.internal", 80, "", false, "http://cp.internal"),
        ("https://cp.internal", "cp.internal", 443, "", true, "https://cp.internal"),
        ("https://127.0.0.1:4443/base/", "127.0.0.1", 4443, "/base", true, "https://127.0.0.1:4443/base"),
        ("https://[::1]:4443", "::1", 4443, "", true, "https://[::1]:4443"),
        ("https://cp.internal:80", "cp.internal", 80, "", true, "https://cp.internal:80"),
    ])
    func parsesHTTPAndHTTPSURLs(text: String, host: String, port: Int, basePath: String, isTLS: Bool, shown: String) throws {
        let address = try #require(HTTPEndpointAddress(text))
        #expect(address.host == host && address.port == port && address.basePath == basePath)
        #expect(address.isTLS == isTLS)
        #expect(address.description == shown)
    }

    @Test(arguments: ["ftp://127.0.0.1:21", "127.0.0.1:4000", "https://", "https://host:0", "https://host:99999", "HTTPS://host"])
    func refusesOtherShapes(text: String) {
        #expect(HTTPEndpointAddress(text) == nil)
    }

    @Test func theHostHeaderOmitsOnlyTheSchemesDefaultPort() throws {
        #expect(try #require(HTTPEndpointAddress("https://cp.internal:443")).hostHeader == "cp.internal")
        #expect(try #require(HTTPEndpointAddress("https://cp.internal:80")).hostHeader == "cp.internal:80")
        #expect(try #require(HTTPEndpointAddress("http://cp.internal:443")).hostHeader == "cp.internal:443")
    }
}
