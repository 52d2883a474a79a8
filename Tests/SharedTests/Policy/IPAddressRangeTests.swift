import Testing
@testable import Shared

@Suite struct IPAddressRangeTests {
    static func contains(_ cidr: String, _ address: String) -> Bool? {
        IPAddressRange(cidr.utf8)?.contains(address.utf8)
    }

    @Test(arguments: [
        ("192.0.2.0/24", "192.0.2.0", true), ("192.0.2.0/24", "192.0.2.255", true), ("192.0.2.0/24", "192.0.3.0", false),
        ("192.0.2.7/24", "192.0.2.200", true), ("0.0.0.0/0", "203.0.113.1", true), ("203.0.113.5", "203.0.113.5", true),
        ("203.0.113.5/32", "203.0.113.6", false), ("10.0.0.0/8", "10.255.255.255", true), ("10.0.0.0/8", "11.0.0.0", false),
        ("2001:DB8:1234:5678::/64", "2001:db8:1234:5678:ffff:ffff:ffff:ffff", true), ("2001:db8::/32", "2001:db9::", false),
        ("::/0", "fe80::1", true), ("::1", "::1", true), ("::1/128", "::2", false), ("2001:db8::/127", "2001:db8::1", true),
        ("2001:db8::/127", "2001:db8::2", false), ("2001:db8:0:0:0:0:2:1", "2001:db8::2:1", true),
        ("::ffff:0:0/96", "::ffff:1.2.3.4", true), ("::ffff:1.2.3.0/120", "1.2.3.9", true), ("::/64", "::ffff:1.2.3.4", false), ("1.2.3.0/24", "::ffff:1.2.3.4", true), ("64:ff9b::/96", "64:ff9b::192.0.2.33", true),
        ("192.0.2.0/24", "2001:db8::", false), ("2001:db8::/32", "192.0.2.1", false),
        ("2001:db8:abcd:1::/65", "2001:db8:abcd:1:7fff::", true), ("2001:db8:abcd:1::/65", "2001:db8:abcd:1:8000::", false),
    ])
    func testsMembership(cidr: String, address: String, expected: Bool) {
        #expect(Self.contains(cidr, address) == expected, "\(cidr) ∋ \(address)")
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4/a",
                      "::1::", "1::2::3", "12345::", "g::1", ":1", "1:", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "fe80::1%eth0", "::/129"])
    func refusesMalformedBlocks(text: String) {
        #expect(IPAddressRange(text.utf8) == nil, "\(text)")
    }

    @Test func malformedAddressesAreNeverInside() {
        #expect(Self.contains("0.0.0.0/0", "not-an-address") == false)
        #expect(Self.contains("::/0", "") == false)
    }
}
