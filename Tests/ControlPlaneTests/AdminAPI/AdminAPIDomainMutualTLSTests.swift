import Testing
@testable import ControlPlane
import Shared
import TestSupport

/// Mutual TLS on custom domain names (issue 15): `mutualTlsAuthentication.truststoreUri` as a
/// `file://` URI the control plane reads at the call (`DomainTruststoreRules`), AWS's conditions
/// (REGIONAL, TLS_1_2), the bundle stored beside the document and carried by the snapshot.
@Suite struct AdminAPIDomainMutualTLSTests {
    static let pair = AdminAPIDomainNamesTests.pair
    static let authority = try! X509Certificate.generateAuthority(commonName: "Clients CA", now: 1_690_000_000, days: 3650)
    static let expired = try! X509Certificate.generateAuthority(commonName: "Old CA", now: 1_600_000_000, days: 1)

    /// A REGIONAL domain with an uploaded certificate, and `extra` fields.
    static func create(_ h: AdminHarness, name: String = "m.example.com", _ extra: [String: Any]) -> AdminResult {
        var body: [String: Any] = ["domainName": name, "endpointConfiguration": ["types": ["REGIONAL"]],
                                   "certificateBody": pair.certificatePEM, "certificatePrivateKey": pair.privateKeyPEM]
        body.merge(extra) { $1 }
        return h.call("POST", "/domainnames", body)
    }

    @Test func aFileTruststoreIsReadStoredShownAsGivenAndCarriedInTheSnapshot() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bundle = Self.authority.certificatePEM + Self.expired.certificatePEM
        try bundle.write(toFile: directory.file("ca.pem"), atomically: true, encoding: .utf8)
        let uri = "file://" + directory.file("ca.pem")
        let h = try AdminHarness()
        let created = Self.create(h, ["mutualTlsAuthentication": ["truststoreUri": uri]])
        #expect(created.status == 201)
        let shown = try #require(created["mutualTlsAuthentication"] as? [String: Any])
        #expect(shown["truststoreUri"] as? String == uri && shown["truststoreVersion"] == nil)
        #expect((shown["truststoreWarnings"] as? [String])?.count == 1, "the expired CA is a warning, as AWS reports invalid certificates")
        #expect(!String(decoding: h.call("GET", "/domainnames/m.example.com").body, as: UTF8.self).contains("BEGIN CERTIFICATE"))
        #expect(try h.store.read { tx in try tx.domainTruststore("m.example.com") } == bundle)
        let snapshot = try SnapshotCodec.decode(SnapshotBuilder.buildEncoded(h.store, now: h.clock.now).bytes)
        #expect(snapshot.domainNames?.first?.truststore == bundle)

        // Turned off by an empty truststoreUri: nothing stored, nothing shipped.
        let off = h.patch("/domainnames/m.example.com", [("replace", "/mutualTlsAuthentication/truststoreUri", "")])
        #expect(off.status == 200 && off["mutualTlsAuthentication"] == nil)
        #expect(try h.store.read { tx in try tx.domainTruststore("m.example.com") } == nil)
        #expect(try SnapshotCodec.decode(SnapshotBuilder.buildEncoded(h.store, now: h.clock.now).bytes).domainNames?.first?.truststore == nil)
        // And on again by UpdateDomainName, which re-reads the file.
        try Self.authority.certificatePEM.write(toFile: directory.file("ca.pem"), atomically: true, encoding: .utf8)
        let revision = try h.store.read { tx in try tx.revision() }
        let on = h.patch("/domainnames/m.example.com", [("replace", "/mutualTlsAuthentication/truststoreUri", uri)])
        #expect(on.status == 200 && (on["mutualTlsAuthentication"] as? [String: Any])?["truststoreWarnings"] == nil)
        #expect(try h.store.read { tx in try tx.domainTruststore("m.example.com") } == Self.authority.certificatePEM)
        #expect(try h.store.read { tx in try tx.revision() } > revision, "nodes see the new truststore")
        // A domain left with mutual TLS must keep TLS_1_2.
        let downgrade = h.patch("/domainnames/m.example.com", [("replace", "/securityPolicy", "TLS_1_0")])
        #expect(downgrade.status == 400 && downgrade.message == "Mutual TLS authentication requires the security policy TLS_1_2.")
        #expect(h.call("GET", "/domainnames/m.example.com").string("securityPolicy") == "TLS_1_2")
    }

    @Test func truststoresThatCannotBeUsedAreRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try "not a certificate".write(toFile: directory.file("bad.pem"), atomically: true, encoding: .utf8)
        try Self.pair.privateKeyPEM.write(toFile: directory.file("key.pem"), atomically: true, encoding: .utf8)
        try Self.authority.certificatePEM.write(toFile: directory.file("ca.pem"), atomically: true, encoding: .utf8)
        let h = try AdminHarness()
        let cases: [(String, Int, String)] = [
            ("s3://bucket/ca.pem", 501, "Tollgate cannot read truststores from S3; give a file:// URI of a PEM bundle on the control plane's host (docs/tls.md)"),
            ("https://example.com/ca.pem", 400, "Invalid truststoreUri specified: https://example.com/ca.pem. Tollgate reads file:///absolute/path.pem"),
            ("file://" + directory.file("missing.pem"), 400, "The truststore file://\(directory.file("missing.pem")) could not be read by the control plane"),
            ("file://" + directory.file("bad.pem"), 400, "Unable to parse the truststore file://\(directory.file("bad.pem")). Please ensure it is a bundle of PEM certificates."),
            ("file://" + directory.file("key.pem"), 400, "Unable to parse the truststore file://\(directory.file("key.pem")). Please ensure it is a bundle of PEM certificates."),
        ]
        for (uri, status, message) in cases {
            let result = Self.create(h, ["mutualTlsAuthentication": ["truststoreUri": uri]])
            #expect(result.status == status && result.message == message, "\(uri)")
        }
        let versioned = Self.create(h, ["mutualTlsAuthentication": ["truststoreUri": "file://" + directory.file("ca.pem"), "truststoreVersion": "3"]])
        #expect(versioned.status == 501)
        #expect(h.call("GET", "/domainnames/m.example.com").status == 404, "nothing was created")

        // AWS's conditions: REGIONAL and TLS_1_2; Tollgate's: an uploaded certificate to serve.
        let uri = "file://" + directory.file("ca.pem")
        let edge = h.call("POST", "/domainnames", ["domainName": "e.example.com", "certificateBody": Self.pair.certificatePEM,
                                                  "certificatePrivateKey": Self.pair.privateKeyPEM,
                                                  "mutualTlsAuthentication": ["truststoreUri": uri]])
        #expect(edge.status == 400 && edge.message == "Mutual TLS authentication is only supported for REGIONAL domain names.")
        let legacy = Self.create(h, ["securityPolicy": "TLS_1_0", "mutualTlsAuthentication": ["truststoreUri": uri]])
        #expect(legacy.status == 400 && legacy.message == "Mutual TLS authentication requires the security policy TLS_1_2.")
        let bare = h.call("POST", "/domainnames", ["domainName": "b.example.com", "endpointConfiguration": ["types": ["REGIONAL"]],
                                                  "regionalCertificateName": "c", "mutualTlsAuthentication": ["truststoreUri": uri]])
        #expect(bare.status == 400)
        // UpdateDomainName checks the same.
        #expect(h.call("POST", "/domainnames", ["domainName": "e.example.com"]).status == 201)
        #expect(h.patch("/domainnames/e.example.com", [("replace", "/mutualTlsAuthentication/truststoreUri", uri)]).status == 400)
        #expect(h.call("GET", "/domainnames/e.example.com")["mutualTlsAuthentication"] == nil)
        #expect(try h.store.read { tx in try tx.domainTruststore("e.example.com") } == nil)
    }
}
