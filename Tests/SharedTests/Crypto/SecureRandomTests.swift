import Testing
@testable import Shared

@Suite struct SecureRandomTests {
    @Test func returnsTheRequestedNumberOfBytes() {
        #expect(SecureRandom.bytes(0).isEmpty)
        #expect(SecureRandom.bytes(1).count == 1)
        #expect(SecureRandom.bytes(4096).count == 4096)
    }

    @Test func successiveDrawsDiffer() {
        // 2^-256 chance of a false failure.
        #expect(SecureRandom.bytes(32) != SecureRandom.bytes(32))
        #expect(SecureRandom.uint64() != SecureRandom.uint64())   // 2^-64
    }

    @Test func samplingRejectsBytesAboveTheLargestMultipleOfTheAlphabet() {
        // 36 symbols: 256 % 36 = 4, so bytes 252…255 must be skipped, never folded onto 'a'…'d'.
        var feed: [UInt8] = [252, 253, 254, 255, 0, 35, 36, 251]
        let text = SecureRandom.sample(length: 4, alphabet: ResourceID.alphabet) { count in
            let taken = Array(feed.prefix(count))
            feed.removeFirst(taken.count)
            return taken
        }
        #expect(text == "a9a9")   // 0 → a, 35 → 9, 36 → a, 251 (= 6·36 + 35) → 9
    }

    @Test func samplingKeepsDrawingUntilLongEnough() {
        var calls = 0
        let text = SecureRandom.sample(length: 3, alphabet: Array("xy".utf8)) { count in
            calls += 1
            // Two symbols divide 256, so nothing is rejected; hand out one byte per call.
            return [UInt8(calls % 2)]
        }
        #expect(text == "yxy")
        #expect(calls == 3)
    }

    @Test func symbolsAreRoughlyUniform() {
        // 72,000 draws over 36 symbols: mean 2,000, σ ≈ 44; ±300 is about 6.8σ.
        let text = SecureRandom.string(length: 72_000, alphabet: ResourceID.alphabet)
        var counts = [UInt8: Int]()
        for byte in text.utf8 { counts[byte, default: 0] += 1 }
        #expect(counts.count == 36)
        #expect(counts.values.allSatisfy { abs($0 - 2_000) < 300 })
    }
}
