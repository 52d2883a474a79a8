import Testing
@testable import DataPlane

@Suite struct Base64CodecTests {
    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func encodesAndDecodesRfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64Codec.encode(Array(plain.utf8)) == encoded)
        #expect(Base64Codec.decode(encoded) == Array(plain.utf8))
    }

    @Test func decodingToleratesWhitespaceAndMissingPadding() {
        #expect(Base64Codec.decode("Zm9v\nYmE") == Array("fooba".utf8))
        #expect(Base64Codec.decode("Zm9vYg") == Array("foob".utf8))
    }

    @Test(arguments: ["Z", "Zm9v!", "Zg==Zg==", "Zm9vY"])
    func rejectsInvalidInput(text: String) {
        #expect(Base64Codec.decode(text) == nil)
    }
}
