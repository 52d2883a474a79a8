import Testing
@testable import Shared

@Suite struct WebSocketUTF8ValidatorTests {
    private func isValid(_ pieces: [[UInt8]]) -> Bool {
        var validator = WebSocketUTF8Validator()
        for piece in pieces where !validator.validate(piece) { return false }
        return validator.isComplete
    }

    /// Autobahn's own validator check: every code point up to U+FFFF but the surrogates, encoded
    /// by the standard library, is valid whole and split at every byte.
    @Test func acceptsEveryScalarOfTheBMPAndBeyondInAnySplit() {
        var refused: [Int] = []
        for value in Array(0...0xFFFF) + [0x10000, 0x1F600, 0x10FFFF] {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let bytes = Array(String(scalar).utf8)
            if !isValid([bytes]) { refused.append(value) }
            for cut in 1..<bytes.count where !isValid([Array(bytes[..<cut]), Array(bytes[cut...])]) { refused.append(value) }
        }
        #expect(refused.isEmpty)
    }

    /// Every UTF-16 surrogate written as a 3-byte sequence is refused.
    @Test func refusesEverySurrogate() {
        let accepted = (0xD800...0xDFFF).filter { value in
            isValid([[0xE0 | UInt8(value >> 12), 0x80 | UInt8(value >> 6 & 0x3F), 0x80 | UInt8(value & 0x3F)]])
        }
        #expect(accepted.isEmpty)
    }

    @Test func failsAtTheFirstInvalidByteNotLater() {
        var validator = WebSocketUTF8Validator()
        let step1 = validator.validate([0x65, 0x64, 0x69, 0x74, 0x65, 0x64, 0xED])
        #expect(step1)
        #expect(!validator.isComplete)
        let step2 = validator.validate([0xA0])
        #expect(!step2)
    }

    @Test(arguments: [[0xC0, 0x80], [0xE0, 0x9F, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80]] as [[UInt8]])
    func refusesOverlongsAndCodePointsAbove10FFFF(_ bytes: [UInt8]) {
        #expect(!isValid([bytes]))
    }

    @Test func truncatedSequenceIsIncomplete() {
        var validator = WebSocketUTF8Validator()
        let step1 = validator.validate([0xF0, 0x9F, 0x98])
        #expect(step1)
        #expect(!validator.isComplete)
    }
}
