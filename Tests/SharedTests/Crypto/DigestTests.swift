import Testing
@testable import Shared

@Suite struct DigestTests {
    /// FIPS 180-2 appendix B / NIST CSRC example vectors.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256MatchesNISTVectors(message: String, expected: String) {
        #expect(Hex.encode(Digest.sha256(message.utf8)) == expected)
        #expect(Digest.sha256Hex(Array(message.utf8)) == expected)
    }

    @Test func sha256OfOneMillionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Digest.sha256Hex(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func sha256AcceptsNonContiguousCollections() {
        let message = "abc".utf8.reversed().reversed()   // a lazy, non-contiguous view
        #expect(Digest.sha256Hex(message) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// RFC 4231 §4.2–4.8 test cases 1–7 (case 5's output is truncated to 128 bits by the RFC).
    @Test(arguments: [
        (Array(repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (Array(repeating: 0xaa, count: 20), Array(repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(1...25), Array(repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        (Array(repeating: 0x0c, count: 20), Array("Test With Truncation".utf8),
         "a3b6167473100ee06e0c796c2955552b"),
        (Array(repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (Array(repeating: 0xaa, count: 131),
         Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ] as [([UInt8], [UInt8], String)])
    func hmacSHA256MatchesRFC4231(key: [UInt8], message: [UInt8], expected: String) {
        let tag = Hex.encode(Digest.hmacSHA256(key: key, message: message))
        #expect(tag.hasPrefix(expected))
        #expect(tag.count == 64)
    }

    /// A key prepared once signs each message as the one-shot does, and is not used up by signing:
    /// the second message of a prepared key is checked against its own fresh computation.
    @Test(arguments: [[UInt8](), Array("Jefe".utf8), Array(repeating: 0x0b, count: 64), Array(repeating: 0xaa, count: 131)])
    func aPreparedKeySignsEveryMessageAsTheOneShotDoes(key: [UInt8]) {
        let prepared = HMACSHA256Key(key)
        for message in [Array("what do ya want for nothing?".utf8), [], Array(repeating: 0xdd, count: 200), Array("Hi There".utf8)] {
            #expect(prepared.authenticate(message) == Digest.hmacSHA256(key: key, message: message))
        }
        #expect(Hex.encode(HMACSHA256Key(Array("Jefe".utf8)).authenticate(Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func theEmptyMessagesDigestIsComputedNotAssumed() {
        #expect(Digest.emptySHA256Hex == Hex.encode(Digest.sha256([UInt8]())))
        #expect(Digest.sha256Hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256Hex("".utf8) == Digest.emptySHA256Hex)
    }

    @Test func hmacWithEmptyKeyAndMessageIsDefined() {
        // Python: hmac.new(b'', b'', hashlib.sha256).hexdigest()
        #expect(Hex.encode(Digest.hmacSHA256(key: [UInt8](), message: [UInt8]()))
                == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test func digestsAreUsableFromManyThreadsAtOnce() async {
        let expected = Digest.hmacSHA256(key: Array("k".utf8), message: Array("m".utf8))
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<200).allSatisfy { _ in
                        Digest.hmacSHA256(key: Array("k".utf8), message: Array("m".utf8)) == expected
                            && Digest.sha256Hex("abc".utf8).hasPrefix("ba7816bf")
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }
}
