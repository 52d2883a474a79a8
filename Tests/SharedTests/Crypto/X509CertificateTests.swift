import Testing
@testable import Shared

/// X.509 PEM reading and self-signed generation through libcrypto.
@Suite struct X509CertificateTests {
    static let now: Int64 = 1_780_000_000
    /// One generated pair for the whole suite (RSA key generation is slow).
    static let pair = try! X509Certificate.generateSelfSigned(commonName: "tollgate-test", now: now, days: 365)

    @Test func generatedCertificateReadsBackWithItsValidity() throws {
        let infos = try X509Certificate.certificates(pem: Self.pair.certificatePEM)
        #expect(infos == [X509Certificate.Info(notBefore: Self.now, notAfter: Self.now + 365 * 86_400)])
        #expect(Self.pair.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        #expect(Self.pair.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
    }

    @Test func generatedKeyMatchesItsCertificate() throws {
        try X509Certificate.checkKey(Self.pair.privateKeyPEM, matches: Self.pair.certificatePEM)
    }

    @Test func keyOfAnotherPairIsAMismatch() throws {
        let other = try X509Certificate.generateSelfSigned(commonName: "other", now: Self.now, days: 1)
        #expect(throws: X509Certificate.Failure.keyMismatch) {
            try X509Certificate.checkKey(other.privateKeyPEM, matches: Self.pair.certificatePEM)
        }
    }

    @Test func chainOfTwoBlocksReadsBothInOrder() throws {
        let other = try X509Certificate.generateSelfSigned(commonName: "ca", now: Self.now + 10, days: 2)
        let infos = try X509Certificate.certificates(pem: Self.pair.certificatePEM + other.certificatePEM)
        #expect(infos.map(\.notBefore) == [Self.now, Self.now + 10])
    }

    @Test(arguments: ["", "testCertificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"])
    func textThatIsNoCertificateIsRefused(_ text: String) {
        #expect(throws: X509Certificate.Failure.invalidCertificate) { try X509Certificate.certificates(pem: text) }
    }

    @Test func aBrokenBlockAfterAGoodOneIsRefused() {
        let broken = Self.pair.certificatePEM + "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        #expect(throws: X509Certificate.Failure.invalidCertificate) { try X509Certificate.certificates(pem: broken) }
    }

    @Test(arguments: ["testPrivateKey", "", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"])
    func textThatIsNoKeyIsRefused(_ text: String) {
        #expect(throws: X509Certificate.Failure.invalidPrivateKey) {
            try X509Certificate.checkKey(text, matches: Self.pair.certificatePEM)
        }
    }

    @Test func aCertificateGivenAsTheKeyIsRefused() {
        #expect(throws: X509Certificate.Failure.invalidPrivateKey) {
            try X509Certificate.checkKey(Self.pair.certificatePEM, matches: Self.pair.certificatePEM)
        }
    }
}
