import Foundation
import Testing
import TestSupport
@testable import Shared

/// Custom domains by SNI (issue 15): a server session with a table of names switches to the
/// named domain's context in the ClientHello callback, case-insensitively and exactly; no SNI or
/// an unknown name stays on the default certificate; each name's security policy sets the
/// minimum protocol version. Client and server sessions wired in memory.
@Suite(.timeLimit(.minutes(1))) struct TLSServerNamesTests {
    /// A default context (`leaf`) and two domains with their own certificates.
    struct Fixture {
        let certificates: TestCertificates
        let defaultContext: TLSContext
        let names: TLSServerNames

        init(policyB: TLSSecurityPolicy = .tls12) throws {
            certificates = try TestCertificates()
            defaultContext = try TLSContext(certificateChainFile: certificates.leafFile, privateKeyFile: certificates.leafKeyFile)
            let a = try certificates.makeLeaf("domain-a")
            let b = try certificates.makeLeaf("domain-b")
            func context(_ pair: (certificate: String, key: String)) throws -> TLSContext {
                try TLSContext(certificatePEM: String(contentsOfFile: pair.certificate, encoding: .utf8), chainPEM: nil,
                               privateKeyPEM: String(contentsOfFile: pair.key, encoding: .utf8))
            }
            names = TLSServerNames([
                "a.example.test": .init(context: try context(a), policy: .tls12),
                "B.Example.Test": .init(context: try context(b), policy: policyB),
            ])
        }

        /// The subject the client saw after a handshake with `serverName` as SNI.
        func handshake(serverName: String?, protocols: TLSContext.ProtocolRange = .tls12AndLater) throws -> (client: TLSSession, server: TLSSession) {
            let server = try TLSSession(context: defaultContext, serverNames: names)
            let client = try TLSSession(context: TLSContext(clientVerifyingPeer: false, protocols: protocols), serverName: serverName)
            try TLSSessionTests.connect(client, server)
            return (client, server)
        }
    }

    @Test func selectsEachDomainsCertificateBySNICaseInsensitively() throws {
        let fixture = try Fixture()
        defer { fixture.certificates.remove() }
        let a = try fixture.handshake(serverName: "a.example.test")
        #expect(a.client.peerSubject == "/CN=localhost domain-a")
        #expect(a.server.selectedServerName == "a.example.test")
        #expect(a.client.negotiatedProtocol == "http/1.1")
        let b = try fixture.handshake(serverName: "b.EXAMPLE.test")
        #expect(b.client.peerSubject == "/CN=localhost domain-b")
        // Data flows on a switched session.
        #expect(try TLSSessionTests.write(b.client, "ping") == .done(4))
        TLSSessionTests.pump(b.client, b.server)
        #expect(try TLSSessionTests.read(b.server) == Array("ping".utf8))
    }

    @Test(arguments: ["other.example.test", "x.a.example.test", "example.test"])
    func anUnknownNameGetsTheDefaultCertificate(name: String) throws {
        let fixture = try Fixture()
        defer { fixture.certificates.remove() }
        let session = try fixture.handshake(serverName: name)
        #expect(session.client.peerSubject == "/CN=localhost leaf")
        #expect(session.server.selectedServerName == nil)
    }

    @Test func noSNIGetsTheDefaultCertificate() throws {
        let fixture = try Fixture()
        defer { fixture.certificates.remove() }
        let session = try fixture.handshake(serverName: nil)  // also what an IP literal sends
        #expect(session.client.peerSubject == "/CN=localhost leaf")
        #expect(session.server.requestedServerName == nil)
    }

    @Test func aServerWithoutATableIgnoresSNI() throws {
        let fixture = try Fixture()
        defer { fixture.certificates.remove() }
        let server = try TLSSession(context: fixture.defaultContext)
        let client = try TLSSession(context: TLSContext(clientVerifyingPeer: false), serverName: "a.example.test")
        try TLSSessionTests.connect(client, server)
        #expect(client.peerSubject == "/CN=localhost leaf")
    }

    @Test func tls12PolicyRefusesATLS11ClientThatTLS10PolicyLetsIn() throws {
        let fixture = try Fixture(policyB: .tls10)
        defer { fixture.certificates.remove() }
        // b: TLS_1_0, so the old client gets in (OpenSSL 3 needs security level 0 for it).
        let old = try fixture.handshake(serverName: "b.example.test", protocols: .tls11Only)
        #expect(old.server.protocolVersion == "TLSv1.1")
        #expect(old.client.peerSubject == "/CN=localhost domain-b")
        // ... and a modern one still gets TLS 1.3.
        #expect(try fixture.handshake(serverName: "b.example.test").server.protocolVersion == "TLSv1.3")
        // a: TLS_1_2 refuses it, and so does the default certificate.
        for name in ["a.example.test", "unknown.example.test"] {
            #expect(throws: TLSError.self) { _ = try fixture.handshake(serverName: name, protocols: .tls11Only) }
        }
    }

    @Test func loadsAChainAndRefusesAKeyOfAnotherCertificate() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let leaf = try String(contentsOfFile: certificates.leafFile, encoding: .utf8)
        let ca = try String(contentsOfFile: certificates.caFile, encoding: .utf8)
        let key = try String(contentsOfFile: certificates.leafKeyFile, encoding: .utf8)
        let rotatedKey = try String(contentsOfFile: certificates.rotatedKeyFile, encoding: .utf8)
        let context = try TLSContext(certificatePEM: leaf, chainPEM: ca, privateKeyPEM: key)
        let server = try TLSSession(context: context)
        let client = try TLSSession(context: TLSContext(clientVerifyingPeer: true, caFile: certificates.caFile), serverName: "localhost")
        try TLSSessionTests.connect(client, server)
        #expect(client.peerSubject == "/CN=localhost leaf")
        #expect(throws: TLSError.self) { _ = try TLSContext(certificatePEM: leaf, chainPEM: nil, privateKeyPEM: rotatedKey) }
        #expect(throws: TLSError.self) { _ = try TLSContext(certificatePEM: "not a certificate", chainPEM: nil, privateKeyPEM: key) }
        #expect(throws: TLSError.self) { _ = try TLSContext(certificatePEM: leaf, chainPEM: nil, privateKeyPEM: "not a key") }
    }

    /// A `server_name` extension body holding `names` as host-name entries.
    static func serverNameExtension(_ entries: [(type: UInt8, name: [UInt8])]) -> [UInt8] {
        var list: [UInt8] = []
        for entry in entries { list += [entry.type, UInt8(entry.name.count >> 8), UInt8(entry.name.count & 0xff)] + entry.name }
        return [UInt8(list.count >> 8), UInt8(list.count & 0xff)] + list
    }

    @Test(arguments: [
        (serverNameExtension([(0, Array("api.example.com".utf8))]), "api.example.com"),
        (serverNameExtension([(1, Array("x".utf8)), (0, Array("b.example".utf8))]), "b.example"),
        (serverNameExtension([(0, [])]), nil),
        (serverNameExtension([(0, Array("a b".utf8))]), nil),
        (serverNameExtension([(0, [0xc3, 0xa9])]), nil),
        (Array(serverNameExtension([(0, Array("api.example.com".utf8))]).dropLast()), nil),
        ([0, 9, 0, 0, 20] + Array("abc".utf8), nil),
        ([0], nil),
        ([], nil),
    ] as [([UInt8], String?)])
    func parsesTheServerNameExtension(bytes: [UInt8], expected: String?) {
        #expect(bytes.withUnsafeBufferPointer { TLSServerNames.serverName(inExtension: $0) } == expected)
    }
}
