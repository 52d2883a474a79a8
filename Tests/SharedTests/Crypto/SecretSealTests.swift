import Testing
@testable import Shared

/// Sealed IAM secrets: they open only under the same cluster secret and context, and never show in clear.
@Suite struct SecretSealTests {
    static let seal = SecretSeal(clusterSecret: "cluster")
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

    @Test func opensWhatItSealed() {
        let sealed = Self.seal.seal(Self.secret, context: "AKIA1")
        #expect(Self.seal.open(sealed, context: "AKIA1") == Self.secret)
        #expect(SecretSeal(clusterSecret: "cluster").open(sealed, context: "AKIA1") == Self.secret, "nodes derive the same keys")
    }

    @Test func theSealedTextHidesTheSecretAndIsDeterministic() {
        let sealed = Self.seal.seal(Self.secret, context: "AKIA1")
        #expect(!sealed.contains(Self.secret))
        #expect(!sealed.contains(Hex.encode(Array(Self.secret.utf8))))
        #expect(sealed == Self.seal.seal(Self.secret, context: "AKIA1"), "an unchanged store makes identical snapshots")
        #expect(sealed != Self.seal.seal(Self.secret, context: "AKIA2"), "the context is the nonce")
        #expect(sealed.count == 2 * (Self.secret.utf8.count + 32))
    }

    @Test func refusesAnotherClusterSecretContextOrAnyAlteredByte() {
        let sealed = Self.seal.seal(Self.secret, context: "AKIA1")
        #expect(SecretSeal(clusterSecret: "other").open(sealed, context: "AKIA1") == nil)
        #expect(Self.seal.open(sealed, context: "AKIA2") == nil)
        for index in [0, sealed.count / 2, sealed.count - 1] {
            var bytes = Array(sealed.utf8)
            bytes[index] = bytes[index] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            #expect(Self.seal.open(String(decoding: bytes, as: UTF8.self), context: "AKIA1") == nil, "byte \(index)")
        }
        #expect(Self.seal.open("zz", context: "AKIA1") == nil)
        #expect(Self.seal.open("", context: "AKIA1") == nil)
    }

    @Test(arguments: [0, 1, 31, 32, 33, 100])
    func sealsSecretsOfAnyLength(length: Int) {
        let secret = String(repeating: "k", count: length)
        #expect(Self.seal.open(Self.seal.seal(secret, context: "c"), context: "c") == secret)
    }
}
