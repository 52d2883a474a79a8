import Testing
@testable import ControlPlane
import Shared

@Suite struct AdminAPIClientCertificatesTests {
    @Test func generateMakesARealCertificateAndKeepsTheKey() throws {
        let h = try AdminHarness()
        let created = h.call("POST", "/clientcertificates", ["description": "backend", "tags": ["k": "v"]])
        #expect(created.status == 201)
        let id = try #require(created.string("clientCertificateId"))
        let pem = try #require(created.string("pemEncodedCertificate"))
        let info = try X509Certificate.certificates(pem: pem)
        #expect(info == [X509Certificate.Info(notBefore: h.clock.now, notAfter: h.clock.now + 365 * 86_400)])
        #expect(created["createdDate"] as? Int == Int(h.clock.now) && created["expirationDate"] as? Int == Int(h.clock.now + 365 * 86_400))
        #expect(!String(decoding: created.body, as: UTF8.self).contains("PRIVATE KEY"))
        let key = try #require(try h.store.read { tx in try tx.clientCertificatePrivateKey(id) })
        try X509Certificate.checkKey(key, matches: pem)
        #expect(h.call("GET", "/clientcertificates/\(id)").string("pemEncodedCertificate") == pem)
        #expect(!String(decoding: h.call("GET", "/clientcertificates").body, as: UTF8.self).contains("PRIVATE KEY"))
    }

    @Test func updateAndDelete() throws {
        let h = try AdminHarness()
        let id = h.call("POST", "/clientcertificates", [String: Any]()).string("clientCertificateId")!
        #expect(h.patch("/clientcertificates/\(id)", [("replace", "/description", "d")]).string("description") == "d")
        #expect(h.patch("/clientcertificates/\(id)", [("replace", "/pemEncodedCertificate", "x")]).status == 400)
        #expect(h.call("DELETE", "/clientcertificates/\(id)").status == 202)
        let gone = h.call("GET", "/clientcertificates/\(id)")
        #expect(gone.status == 404 && gone.message == "Invalid Client Certificate identifier specified")
        #expect(try h.store.read { tx in try tx.clientCertificatePrivateKey(id) } == nil)
    }

    @Test func aStageNamesACertificateThatTravelsSealedToNodes() throws {
        let h = try AdminHarness()
        let api = h.deployedApi().id
        let id = h.call("POST", "/clientcertificates", [String: Any]()).string("clientCertificateId")!
        #expect(h.call("POST", "/clientcertificates", [String: Any]()).status == 201)  // unused: not shipped
        let known = h.patch("/restapis/\(api)/stages/prod", [("replace", "/clientCertificateId", id)])
        #expect(known.status == 200 && known.string("clientCertificateId") == id)
        #expect(h.patch("/restapis/\(api)/stages/prod", [("replace", "/clientCertificateId", "nope")]).message
            == "Invalid client certificate identifier specified")
        #expect(h.call("GET", "/restapis/\(api)/stages/prod").string("clientCertificateId") == id)
        let seal = SecretSeal(clusterSecret: "cluster")
        let encoded = try SnapshotBuilder.buildEncoded(h.store, now: h.clock.now, seal: seal)
        #expect(!String(decoding: encoded.bytes, as: UTF8.self).contains("PRIVATE KEY"))
        let shipped = try #require(try SnapshotCodec.decode(encoded.bytes).clientCertificates)
        #expect(shipped.map(\.clientCertificateId) == [id])
        #expect(shipped[0].openPrivateKey(seal: seal) == (try h.store.read { tx in try tx.clientCertificatePrivateKey(id) }))
        #expect(shipped[0].certificate == h.call("GET", "/clientcertificates/\(id)").string("pemEncodedCertificate"))
        #expect(try SnapshotCodec.decode(SnapshotBuilder.buildEncoded(h.store, now: h.clock.now).bytes).clientCertificates == nil)
        // Clearing it stops shipping it.
        #expect(h.patch("/restapis/\(api)/stages/prod", [("replace", "/clientCertificateId", "")]).status == 200)
        #expect(try SnapshotCodec.decode(SnapshotBuilder.buildEncoded(h.store, now: h.clock.now, seal: seal).bytes).clientCertificates == nil)
    }
}
