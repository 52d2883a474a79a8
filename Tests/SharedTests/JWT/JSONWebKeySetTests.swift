import Testing
@testable import Shared

@Suite struct JSONWebKeySetTests {
    @Test func readsRSAAndP256KeysByKid() {
        let set = JWTTestTokens.keySet
        #expect(set.keys["rsa-1"]?.algorithm == .rs256)
        #expect(set.keys["ec-1"]?.algorithm == .es256)
    }

    @Test func skipsEncryptionKeysMismatchedAlgorithmsAndUnreadableKeys() {
        let rsa = JWTTestTokens.rsa.publicJWK.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",")
        let document = #"{"keys":[{"#+rsa+#","kid":"enc","use":"enc"},{"#+rsa+#","kid":"hs","alg":"HS256"},"#
            + #"{"kty":"RSA","kid":"short","n":"AQAB","e":"AQAB"},{"kty":"oct","kid":"secret","k":"c2VjcmV0"},{"#+rsa+#","kid":"ok"}]}"#
        let set = JSONWebKeySet.parse(Array(document.utf8))
        #expect(set?.keys.keys.sorted() == ["ok"])
    }

    @Test func refusesDocumentsWithoutKeys() {
        #expect(JSONWebKeySet.parse(Array(#"{"nokeys":[]}"#.utf8)) == nil)
        #expect(JSONWebKeySet.parse(Array("not json".utf8)) == nil)
    }

    @Test func refusesAPointOffTheCurve() {
        #expect(SignatureVerificationKey.p256(x: [UInt8](repeating: 1, count: 32), y: [UInt8](repeating: 2, count: 32)) == nil)
    }

    @Test(arguments: [[UInt8](repeating: 0x7F, count: 64), [0x80] + [UInt8](repeating: 0, count: 31) + [0x00, 0x01] + [UInt8](repeating: 0, count: 30)])
    func ecdsaSignatureRoundTripsThroughDER(_ raw: [UInt8]) {
        let der = ECDSASignature.der(fromRaw: raw)
        #expect(der.flatMap(ECDSASignature.raw(fromDER:)) == raw)
    }
}
