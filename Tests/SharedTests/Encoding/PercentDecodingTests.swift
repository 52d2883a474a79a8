import Testing
@testable import Shared

/// The one decoder: lenient (router, query parameters, SigV4, echo) and strict (admin API, long poll).
@Suite struct PercentDecodingTests {
    @Test(arguments: [
        ("a%20b", "a b"),
        ("a+b", "a+b"),
        ("%e2%82%ac", "€"),
        ("100%", "100%"),
        ("%4", "%4"),
        ("%zz%41", "%zzA"),
        ("%FF", "\u{FFFD}"),
        ("plain", "plain"),
    ])
    func leniencyKeepsMalformedEscapesAndRepairsUTF8(_ text: String, _ expected: String) {
        #expect(PercentDecoding.decodeString(text) == expected)
        #expect(PercentDecoding.decode(Array(text.utf8)) == Array(text == "%FF" ? [0xFF] : Array(expected.utf8)))
    }

    @Test func plusIsASpaceOnlyWhenAsked() {
        #expect(PercentDecoding.decodeString("a+b%2B", plusAsSpace: true) == "a b+")
        #expect(PercentDecoding.decodeString("a+b%2B") == "a+b+")
        #expect(PercentDecoding.decodeStrictly("a+b%2B", plusAsSpace: true) == "a b+")
        #expect(PercentDecoding.decodeStrictly("a+b%2B") == "a+b+")
    }

    @Test(arguments: [
        ("a%20b", "a b" as String?),
        ("arn%3Aaws%3A%2Frestapis", "arn:aws:/restapis"),
        ("%e2%82%ac", "€"),
        ("plain", "plain"),
        ("100%", nil),
        ("%4", nil),
        ("%zz", nil),
        ("%FF", nil),  // not UTF-8
    ])
    func strictnessRefusesMalformedEscapesAndInvalidUTF8(_ text: String, _ expected: String?) {
        #expect(PercentDecoding.decodeStrictly(text) == expected)
    }
}
