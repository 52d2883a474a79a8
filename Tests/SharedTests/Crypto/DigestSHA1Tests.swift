import Testing
@testable import Shared

@Suite struct DigestSHA1Tests {
    /// FIPS 180-2 appendix A vectors and the empty message.
    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
    ])
    func sha1MatchesFIPSVectors(message: String, expected: String) {
        #expect(Hex.encode(Digest.sha1(message.utf8)) == expected)
        #expect(Digest.sha1(Array(message.utf8)).count == Digest.sha1ByteCount)
    }
}
