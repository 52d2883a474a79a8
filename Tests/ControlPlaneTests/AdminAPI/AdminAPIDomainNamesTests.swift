import Testing
@testable import ControlPlane
import Shared

@Suite struct AdminAPIDomainNamesTests {
    /// A certificate and key valid around the harness clock, and a second pair whose key does not match.
    static let pair = try! X509Certificate.generateSelfSigned(commonName: "api.example.com", now: 1_690_000_000, days: 3650)
    static let other = try! X509Certificate.generateSelfSigned(commonName: "other.example.com", now: 1_690_000_000, days: 3650)

    @Test func edgeDomainWithUploadedCertificateIsFilledInAsAWSDoesAndNeverShowsTheKey() throws {
        let h = try AdminHarness()
        let created = h.call("POST", "/domainnames", ["domainName": "api.example.com", "certificateName": "cert",
                                                     "certificateBody": Self.pair.certificatePEM,
                                                     "certificatePrivateKey": Self.pair.privateKeyPEM,
                                                     "certificateChain": Self.other.certificatePEM, "tags": ["team": "a"]])
        #expect(created.status == 201)
        #expect(created.string("domainName") == "api.example.com" && created.string("certificateName") == "cert")
        #expect(created.string("domainNameStatus") == "AVAILABLE" && created.string("securityPolicy") == "TLS_1_2")
        #expect(created.string("distributionDomainName")?.hasSuffix(".cloudfront.net") == true)
        #expect(created.string("distributionHostedZoneId") == "Z2FDTNDATAQYW2")
        #expect(created.string("domainNameArn") == "arn:aws:apigateway:us-east-1::/domainnames/api.example.com")
        #expect((created["endpointConfiguration"] as? [String: Any])?["types"] as? [String] == ["EDGE"])
        #expect(created["certificateUploadDate"] as? Int == Int(h.clock.now))
        #expect(created["tags"] as? [String: String] == ["team": "a"])
        #expect(created["regionalDomainName"] == nil)
        let fetched = h.call("GET", "/domainnames/api.example.com")
        for result in [created, fetched, h.call("GET", "/domainnames")] {
            #expect(!String(decoding: result.body, as: UTF8.self).contains("PRIVATE KEY"))
            #expect(!String(decoding: result.body, as: UTF8.self).contains("BEGIN CERTIFICATE"))
        }
        let stored = try h.store.read { tx in try tx.domainCertificate("api.example.com") }
        #expect(stored == DomainCertificate(body: Self.pair.certificatePEM, chain: Self.other.certificatePEM, privateKey: Self.pair.privateKeyPEM))
    }

    @Test func regionalAndPrivateDomainsGetTheirOwnFields() throws {
        let h = try AdminHarness()
        let regional = h.call("POST", "/domainnames", ["domainName": "r.example.com", "regionalCertificateName": "c",
                                                      "endpointConfiguration": ["types": ["REGIONAL"]]])
        #expect(regional.status == 201)
        #expect(regional.string("regionalDomainName")?.hasSuffix(".execute-api.us-east-1.amazonaws.com") == true)
        #expect(regional.string("regionalHostedZoneId") == "Z1UJRXOUMOOFQ8" && regional["distributionDomainName"] == nil)
        let privateDomain = h.call("POST", "/domainnames", ["domainName": "p.example.com", "policy": "{}",
                                                           "endpointConfiguration": ["types": ["PRIVATE"]]])
        let id = try #require(privateDomain.string("domainNameId"))
        #expect(privateDomain.string("domainNameArn") == "arn:aws:apigateway:us-east-1:123456789012:/domainnames/p.example.com+\(id)")
        #expect(h.call("GET", "/domainnames/p.example.com?domainNameId=\(id)").status == 200)
        #expect(h.call("GET", "/domainnames/p.example.com?domainNameId=other").status == 404)
        #expect(h.call("GET", "/domainnames/p.example.com").status == 400)
        #expect(h.call("POST", "/domainnames", ["domainName": "e.example.com", "policy": "{}"]).status == 400)
    }

    @Test func certificateMaterialThatIsNotPEMIsRefused() throws {
        let h = try AdminHarness()
        let cases: [([String: String], String)] = [
            (["certificatePrivateKey": "testPrivateKey", "certificateBody": Self.pair.certificatePEM],
             "Unable to parse private key. Please ensure it is an unencrypted key in PEM format."),
            (["certificatePrivateKey": "testPrivateKey"], "certificateBody must be specified with certificatePrivateKey and certificateChain"),
            (["certificateChain": Self.pair.certificatePEM], "certificateBody must be specified with certificatePrivateKey and certificateChain"),
            (["certificateBody": Self.pair.certificatePEM], "certificatePrivateKey must be specified with certificateBody"),
            (["certificateBody": "not a certificate", "certificatePrivateKey": Self.pair.privateKeyPEM],
             "Unable to parse certificate body. Please ensure the certificate is in PEM format."),
            (["certificateBody": Self.pair.privateKeyPEM, "certificatePrivateKey": Self.pair.privateKeyPEM],
             "Unable to parse certificate body. Please ensure the certificate is in PEM format."),
        ]
        for (material, message) in cases {
            let result = h.call("POST", "/domainnames", material.merging(["domainName": "api.example.com", "certificateName": "c"]) { $1 })
            #expect(result.status == 400 && result.message == message, "\(material.keys.sorted())")
        }
        #expect(h.call("GET", "/domainnames/api.example.com").status == 404)
    }

    @Test func aKeyOfAnotherCertificateOrAnExpiredCertificateIsRefused() throws {
        let h = try AdminHarness()
        let mismatch = h.call("POST", "/domainnames", ["domainName": "a.example.com", "certificateBody": Self.pair.certificatePEM,
                                                      "certificatePrivateKey": Self.other.privateKeyPEM])
        #expect(mismatch.message == "The private key does not match the public key in the certificate body.")
        let old = try X509Certificate.generateSelfSigned(commonName: "old", now: 1_600_000_000, days: 1)
        let expired = h.call("POST", "/domainnames", ["domainName": "a.example.com", "certificateBody": old.certificatePEM,
                                                     "certificatePrivateKey": old.privateKeyPEM])
        #expect(expired.message == "The certificate body has expired.")
        let badChain = h.call("POST", "/domainnames", ["domainName": "a.example.com", "certificateBody": Self.pair.certificatePEM,
                                                      "certificatePrivateKey": Self.pair.privateKeyPEM, "certificateChain": "chain"])
        #expect(badChain.message == "Unable to parse certificate chain. Please ensure the chain is in PEM format.")
    }

    @Test func namesDuplicatesAndUnknownDomainsAnswerAsAWS() throws {
        let h = try AdminHarness()
        #expect(h.call("POST", "/domainnames", ["domainName": ""]).message == "No Domain Name specified")
        #expect(h.call("POST", "/domainnames", ["domainName": "bad..name"]).status == 400)
        #expect(h.call("POST", "/domainnames", ["domainName": "a.example.com"]).status == 201)
        let duplicate = h.call("POST", "/domainnames", ["domainName": "a.example.com"])
        #expect(duplicate.status == 409 && duplicate.message == "The domain name you provided already exists.")
        for verb in ["GET", "DELETE"] {
            let unknown = h.call(verb, "/domainnames/www.google.com")
            #expect(unknown.status == 404 && unknown.message == "Invalid domain name identifier specified")
        }
        #expect(h.call("POST", "/domainnames", ["domainName": "s.example.com", "securityPolicy": "TLS_9"]).errorType == "ValidationException")
    }

    @Test func updateAndDeleteDomainName() throws {
        let h = try AdminHarness()
        #expect(h.call("POST", "/domainnames", ["domainName": "a.example.com"]).status == 201)
        let updated = h.patch("/domainnames/a.example.com", [("replace", "/certificateName", "n"), ("replace", "/securityPolicy", "TLS_1_0")])
        #expect(updated.string("certificateName") == "n" && updated.string("securityPolicy") == "TLS_1_0")
        #expect(h.patch("/domainnames/a.example.com", [("replace", "/certificateArn", "nope")]).status == 400)
        #expect(h.patch("/domainnames/a.example.com", [("replace", "/domainName", "x")]).message?.hasPrefix("Invalid patch path  '/domainName'") == true)
        #expect(h.call("GET", "/domainnames/a.example.com").string("securityPolicy") == "TLS_1_0")
        #expect(h.call("DELETE", "/domainnames/a.example.com").status == 202)
        #expect(h.call("GET", "/domainnames").items.isEmpty)
    }

    @Test func domainNamesOfOtherAccountsAreNone() throws {
        let h = try AdminHarness()
        h.call("POST", "/domainnames", ["domainName": "a.example.com"])
        #expect(h.call("GET", "/domainnames?resourceOwner=SELF").items.count == 1)
        #expect(h.call("GET", "/domainnames?resourceOwner=OTHER_ACCOUNTS").items.isEmpty)
        #expect(h.call("GET", "/domainnames?resourceOwner=ME").errorType == "ValidationException")
    }

    @Test func securityPoliciesTheListenerDoesNotEnforceAreRefused() throws {
        let h = try AdminHarness()
        let enhanced = h.call("POST", "/domainnames", ["domainName": "s.example.com", "securityPolicy": "SecurityPolicy_TLS13_1_3_2025_09"])
        #expect(enhanced.status == 501)
        #expect(enhanced.message == "Tollgate serves securityPolicy TLS_1_0 and TLS_1_2 only, not SecurityPolicy_TLS13_1_3_2025_09")
        #expect(h.call("POST", "/domainnames", ["domainName": "s.example.com", "securityPolicy": "TLS_1_0"]).status == 201)
        #expect(h.patch("/domainnames/s.example.com", [("replace", "/securityPolicy", "SecurityPolicy_TLS13_1_2_2021_06")]).status == 501)
        #expect(h.patch("/domainnames/s.example.com", [("replace", "/securityPolicy", "TLS_1_3")]).status == 400)
        #expect(h.call("GET", "/domainnames/s.example.com").string("securityPolicy") == "TLS_1_0")
    }

    @Test func updateDomainNameReplacesTheUploadedCertificateAsATollgateExtension() throws {
        let h = try AdminHarness()
        #expect(h.call("POST", "/domainnames", ["domainName": "a.example.com", "certificateBody": Self.pair.certificatePEM,
                                               "certificatePrivateKey": Self.pair.privateKeyPEM]).status == 201)
        let revision = try h.store.read { tx in try tx.revision() }
        let rotated = h.patch("/domainnames/a.example.com", [("replace", "/certificateBody", Self.other.certificatePEM),
                                                            ("replace", "/certificatePrivateKey", Self.other.privateKeyPEM),
                                                            ("replace", "/certificateName", "next")])
        #expect(rotated.status == 200)
        #expect(rotated.string("certificateName") == "next")
        #expect(!String(decoding: rotated.body, as: UTF8.self).contains("PRIVATE KEY"))
        #expect(try h.store.read { tx in try tx.domainCertificate("a.example.com") }
                == DomainCertificate(body: Self.other.certificatePEM, chain: nil, privateKey: Self.other.privateKeyPEM))
        #expect(try h.store.read { tx in try tx.revision() } > revision, "nodes see the new certificate")
        // Body and key together, matching, as CreateDomainName checks them; nothing is stored otherwise.
        let alone = h.patch("/domainnames/a.example.com", [("replace", "/certificateBody", Self.pair.certificatePEM)])
        #expect(alone.status == 400 && alone.message == "/certificateBody and /certificatePrivateKey must be replaced together")
        let mismatch = h.patch("/domainnames/a.example.com", [("replace", "/certificateBody", Self.pair.certificatePEM),
                                                             ("replace", "/certificatePrivateKey", Self.other.privateKeyPEM)])
        #expect(mismatch.message == "The private key does not match the public key in the certificate body.")
        #expect(h.patch("/domainnames/a.example.com", [("remove", "/certificateBody", nil)]).status == 400)
        #expect(try h.store.read { tx in try tx.domainCertificate("a.example.com") }?.body == Self.other.certificatePEM)
    }
}
