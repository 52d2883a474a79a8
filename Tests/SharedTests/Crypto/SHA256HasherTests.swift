import Testing
@testable import Shared

@Suite struct SHA256HasherTests {
    @Test func piecewiseUpdatesEqualOneShot() {
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        for split in [0, 1, 17, 55, message.count] {
            var hasher = SHA256Hasher()
            hasher.update(message[..<split])
            hasher.update(message[split...])
            #expect(Hex.encode(hasher.finalize())
                    == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        }
    }

    @Test func emptyHasherGivesDigestOfEmptyMessage() {
        let hasher = SHA256Hasher()
        #expect(Hex.encode(hasher.finalize()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
