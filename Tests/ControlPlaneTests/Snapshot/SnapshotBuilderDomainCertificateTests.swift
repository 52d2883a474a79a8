import Testing
@testable import ControlPlane
import Shared

/// Custom domains' uploaded certificates reach the snapshot with the key sealed (issue 15).
@Suite struct SnapshotBuilderDomainCertificateTests {
    @Test func theCertificateTravelsWithItsKeySealedNeverInClear() throws {
        let h = try AdminHarness()
        let pair = AdminAPIDomainNamesTests.pair
        #expect(h.call("POST", "/domainnames", ["domainName": "API.example.com", "certificateBody": pair.certificatePEM,
                                               "certificatePrivateKey": pair.privateKeyPEM,
                                               "certificateChain": AdminAPIDomainNamesTests.other.certificatePEM]).status == 201)
        #expect(h.call("POST", "/domainnames", ["domainName": "bare.example.com"]).status == 201)
        let seal = SecretSeal(clusterSecret: "cluster")
        let encoded = try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now, seal: seal)
        let text = String(decoding: encoded.bytes, as: UTF8.self)
        #expect(!text.contains("PRIVATE KEY"), "the key is never in clear")
        let snapshot = try SnapshotCodec.decode(encoded.bytes)
        let domains = try #require(snapshot.domainNames)
        let shipped = try #require(domains.first { $0.domainName == "API.example.com" }?.certificate)
        #expect(shipped.certificateBody == pair.certificatePEM)
        #expect(shipped.certificateChain == AdminAPIDomainNamesTests.other.certificatePEM)
        #expect(shipped.openPrivateKey(domainName: "API.example.com", seal: seal) == pair.privateKeyPEM)
        #expect(shipped.openPrivateKey(domainName: "API.example.com", seal: SecretSeal(clusterSecret: "another")) == nil)
        #expect(shipped.openPrivateKey(domainName: "other.example.com", seal: seal) == nil, "sealed to its domain")
        #expect(domains.first { $0.domainName == "bare.example.com" }?.certificate == nil)
        #expect(try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now, seal: seal).bytes == encoded.bytes, "deterministic")
        // Without a seal no certificate is carried at all.
        let unsealed = try SnapshotCodec.decode(SnapshotBuilder.buildEncoded(h.store, now: h.clock.now).bytes)
        #expect(unsealed.domainNames?.allSatisfy { $0.certificate == nil } == true)
    }
}
