import Foundation
import Testing
import TestSupport
@testable import Shared

/// Mutual TLS in memory (issue 15): a domain context with a truststore requires a client
/// certificate the truststore verifies (`TLSContext(…truststorePEM:sessionScope:)`, the verify mode
/// set in the ClientHello callback), and the server session reads the verified certificate's
/// fields in AWS's formats (`TLSClientCertificate`). Client and server sessions wired in memory.
@Suite(.timeLimit(.minutes(1))) struct TLSClientCertificateTests {
    struct Fixture {
        let certificates: TestCertificates
        let strangers: TestCertificates
        let defaultContext: TLSContext
        let names: TLSServerNames

        init() throws {
            certificates = try TestCertificates()
            strangers = try TestCertificates()
            defaultContext = try TLSContext(certificateChainFile: certificates.leafFile, privateKeyFile: certificates.leafKeyFile)
            let leaf = try certificates.makeLeaf("domain")
            let pem = try String(contentsOfFile: leaf.certificate, encoding: .utf8)
            let key = try String(contentsOfFile: leaf.key, encoding: .utf8)
            names = TLSServerNames([
                "m.example.test": .init(context: try TLSContext(certificatePEM: pem, chainPEM: nil, privateKeyPEM: key,
                                                               truststorePEM: String(contentsOfFile: certificates.caFile, encoding: .utf8),
                                                               sessionScope: "m.example.test"), policy: .tls12),
                "o.example.test": .init(context: try TLSContext(certificatePEM: pem, chainPEM: nil, privateKeyPEM: key), policy: .tls12),
            ])
        }

        func remove() { certificates.remove(); strangers.remove() }

        /// A handshake to `serverName` presenting `client` (files) if given; the server session.
        func handshake(_ serverName: String, client: (certificate: String, key: String)?,
                       protocols: TLSContext.ProtocolRange = .tls12AndLater) throws -> TLSSession {
            try sessions(serverName, client: client, protocols: protocols).server
        }

        /// Both sessions of a handshake to `serverName`, the client offering `resuming` if given.
        func sessions(_ serverName: String, client: (certificate: String, key: String)?, protocols: TLSContext.ProtocolRange = .tls12AndLater,
                      resuming: TLSSavedSession? = nil) throws -> (client: TLSSession, server: TLSSession) {
            let context = try client.map {
                try TLSContext(clientVerifyingPeer: false, certificatePEM: String(contentsOfFile: $0.certificate, encoding: .utf8),
                               privateKeyPEM: String(contentsOfFile: $0.key, encoding: .utf8), protocols: protocols)
            } ?? TLSContext(clientVerifyingPeer: false, protocols: protocols)
            let server = try TLSSession(context: defaultContext, serverNames: names)
            let clientSession = try TLSSession(context: context, serverName: serverName)
            if let resuming { clientSession.offer(resuming) }
            try TLSSessionTests.connect(clientSession, server)
            return (clientSession, server)
        }
    }

    @Test func readsTheVerifiedCertificatesFieldsInAWSFormats() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let client = try fixture.certificates.makeClient("client", subject: "/C=US/O=Example Org/CN=client, one")
        let server = try fixture.handshake("m.example.test", client: client)
        let certificate = try #require(server.verifiedClientCertificate)
        #expect(certificate.subjectDN == #"C=US,O=Example Org,CN=client\, one"#, "the certificate's order, RFC 2253 escaping")
        #expect(certificate.issuerDN == "CN=Tollgate Test CA")
        #expect(certificate.clientCertPem == (try String(contentsOfFile: client.certificate, encoding: .utf8)))
        #expect(certificate.verifiedForDomain == "m.example.test")
        #expect(certificate.notAfter.hasSuffix(" GMT") && certificate.notBefore.hasSuffix(" GMT"))
        #expect(!certificate.serialNumber.isEmpty && certificate.serialNumber.allSatisfy(\.isNumber), "decimal")
        #expect(certificate.field("validity.notAfter") == certificate.notAfter && certificate.field("subject") == nil)
    }

    @Test(arguments: [TLSContext.ProtocolRange.tls12Only, .tls13Only])
    func refusesNoCertificateAndAnotherCAs(protocols: TLSContext.ProtocolRange) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(throws: TLSError.self) { try fixture.handshake("m.example.test", client: nil, protocols: protocols) }
        let stranger = try fixture.strangers.makeLeaf("stranger")
        #expect(throws: TLSError.self) { try fixture.handshake("m.example.test", client: stranger, protocols: protocols) }
        let selfSigned = (fixture.certificates.selfSignedFile, fixture.certificates.selfSignedKeyFile)
        #expect(throws: TLSError.self) { try fixture.handshake("m.example.test", client: selfSigned, protocols: protocols) }
    }

    @Test func domainsWithoutATruststoreAndTheDefaultCertificateAskForNone() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let client = try fixture.certificates.makeLeaf("client")
        #expect(try fixture.handshake("o.example.test", client: client).verifiedClientCertificate == nil)
        #expect(try fixture.handshake("o.example.test", client: nil).isEstablished)
        #expect(try fixture.handshake("other.example.test", client: client).verifiedClientCertificate == nil)
        #expect(fixture.names.entry(for: "m.example.test")?.requiresClientCertificate == true)
        #expect(fixture.names.entry(for: "o.example.test")?.requiresClientCertificate == false)
    }

    /// The session id context: a session resumes on the domain that verified it, keeping its
    /// certificate, and a session made on a domain without mutual TLS never resumes on one with it.
    @Test func resumptionKeepsTheCertificateOnItsDomainAndNeverCrossesIntoAnother() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let client = try fixture.certificates.makeLeaf("client")
        let first = try fixture.sessions("m.example.test", client: client, protocols: .tls12Only)
        let saved = try #require(first.client.savedSession)
        let again = try fixture.sessions("m.example.test", client: client, protocols: .tls12Only, resuming: saved)
        #expect(again.server.isResumed)
        #expect(again.server.verifiedClientCertificate?.subjectDN == "CN=localhost client")
        let open = try fixture.sessions("o.example.test", client: nil, protocols: .tls12Only)
        let openSaved = try #require(open.client.savedSession)
        #expect(try fixture.sessions("o.example.test", client: nil, protocols: .tls12Only, resuming: openSaved).server.isResumed,
                "resumption works at all")
        #expect(throws: TLSError.self, "no certificate: a full handshake, which requires one") {
            try fixture.sessions("m.example.test", client: nil, protocols: .tls12Only, resuming: openSaved)
        }
    }

    @Test func aTruststoreWithoutCertificatesDoesNotBuild() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let leaf = try fixture.certificates.makeLeaf("again")
        #expect(throws: TLSError.self) {
            try TLSContext(certificatePEM: String(contentsOfFile: leaf.certificate, encoding: .utf8), chainPEM: nil,
                           privateKeyPEM: String(contentsOfFile: leaf.key, encoding: .utf8), truststorePEM: "no certificates",
                           sessionScope: "m.example.test")
        }
    }
}
