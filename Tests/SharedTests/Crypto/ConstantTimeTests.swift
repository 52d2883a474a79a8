import Testing
@testable import Shared

@Suite struct ConstantTimeTests {
    @Test func equalBytesCompareEqual() {
        #expect(ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        #expect(ConstantTime.equals([UInt8](), [UInt8]()))
        #expect(ConstantTime.equals("abc", "abc"))
    }

    @Test func anyDifferingByteCompareUnequal() {
        let base = [UInt8](repeating: 7, count: 32)
        for index in base.indices {
            var other = base
            other[index] ^= 0x01
            #expect(!ConstantTime.equals(base, other))
        }
    }

    @Test func differentLengthsCompareUnequal() {
        #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2] as [UInt8]))
        #expect(!ConstantTime.equals([UInt8](), [0] as [UInt8]))
        #expect(!ConstantTime.equals("abc", "abcd"))
    }

    @Test func slicesAndArraysCompareByContent() {
        let frame: [UInt8] = [9, 9, 1, 2, 3]
        #expect(ConstantTime.equals(frame[2...], [1, 2, 3] as [UInt8]))
    }
}
