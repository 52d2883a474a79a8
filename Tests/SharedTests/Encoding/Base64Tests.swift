import Testing
@testable import Shared

@Suite struct Base64Tests {
    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func encodesAndDecodesRfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test func decodingToleratesWhitespaceAndMissingPadding() {
        #expect(Base64.decode("Zm9v\nYmE") == Array("fooba".utf8))
        #expect(Base64.decode("Zm9vYg") == Array("foob".utf8))
    }

    @Test(arguments: ["Z", "Zm9v!", "Zg==Zg==", "Zm9vY"])
    func rejectsInvalidInput(text: String) {
        #expect(Base64.decode(text) == nil)
    }
}

extension Base64Tests {
    /// The appending form (the echo backend's) writes what the returning form returns, after what is there.
    @Test(arguments: [[UInt8](), [0], [0, 1], [0xFF, 0xFE, 0xFD], Array(0...255)])
    func appendingEncodesAfterExistingBytes(bytes: [UInt8]) {
        var out = Array("x".utf8)
        Base64.encode(bytes, into: &out)
        #expect(out == Array(("x" + Base64.encode(bytes)).utf8))
    }
}
