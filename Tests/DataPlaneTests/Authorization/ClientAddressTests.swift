import Testing
@testable import DataPlane
@testable import Shared

/// Which address is the client's when proxies sit in front of the node.
@Suite struct ClientAddressTests {
    static let trusted = [IPAddressRange(Array("10.0.0.0/8".utf8))!, IPAddressRange(Array("127.0.0.1".utf8))!]

    @Test(arguments: [
        ("10.0.0.1", "203.0.113.9", trusted, "203.0.113.9"),
        ("10.0.0.1", "198.51.100.1, 203.0.113.9, 10.1.1.1", trusted, "203.0.113.9"),  // rightmost untrusted
        ("10.0.0.1", "10.2.2.2, 127.0.0.1", trusted, nil),                             // only proxies: the peer stands
        ("10.0.0.1", "203.0.113.9, garbage", trusted, nil),                            // malformed: believe nothing
        ("198.51.100.7", "203.0.113.9", trusted, nil),                                 // the peer is no proxy
        ("10.0.0.1", "203.0.113.9", [], nil),                                          // no proxies configured
        ("10.0.0.1", "2001:db8::1", trusted, "2001:db8::1"),
    ] as [(String, String, [IPAddressRange], String?)])
    func takesTheRightmostUntrustedForwardedAddress(peer: String, header: String, trusted: [IPAddressRange], expected: String?) {
        #expect(ClientAddress.forwarded(peer: peer, header: header, trusted: trusted) == expected)
    }

    @Test func withoutTheHeaderThePeerStands() {
        #expect(ClientAddress.forwarded(peer: "10.0.0.1", header: nil, trusted: Self.trusted) == nil)
    }
}
