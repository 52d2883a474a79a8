import Testing
@testable import Shared

@Suite struct HexTests {
    @Test func encodesLowercaseTwoDigitsPerByte() {
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff] as [UInt8]) == "000fa0ff")
        #expect(Hex.encode([UInt8]()) == "")
    }

    @Test func decodesEitherCase() {
        #expect(Hex.decode("000fA0Ff") == [0x00, 0x0f, 0xa0, 0xff])
        #expect(Hex.decode("") == [])
    }

    @Test(arguments: ["0", "abc", "zz", "0g", " 00", "0x00"])
    func rejectsOddLengthOrNonHexDigits(text: String) {
        #expect(Hex.decode(text) == nil)
    }

    @Test func roundTripsEveryByteValue() {
        let all = (0...255).map { UInt8($0) }
        #expect(Hex.decode(Hex.encode(all)) == all)
    }
}
