import Foundation
import Synchronization
import Testing
import TestSupport
@testable import DataPlane
@testable import Shared

/// A snapshot's domains compiled into the SNI table (issue 15): keys opened from their seal,
/// unchanged domains keep their context, and a domain that does not build falls back — to its
/// previous context when it had one, else out of the table — with one log line per material.
@Suite(.timeLimit(.minutes(1))) struct TLSDomainCertificatesTests {
    static let seal = SecretSeal(clusterSecret: "cluster")

    static func domain(_ name: String, _ pair: (certificate: String, key: String), policy: String = "TLS_1_2",
                       seal: SecretSeal = seal) throws -> SnapshotDomainName {
        let body = try String(contentsOfFile: pair.certificate, encoding: .utf8)
        let key = try String(contentsOfFile: pair.key, encoding: .utf8)
        return SnapshotDomainName(domainName: name, endpointType: "REGIONAL", securityPolicy: policy, mappings: [], certificate:
            SnapshotDomainCertificate(certificateBody: body, certificateChain: nil, sealedPrivateKey: seal.seal(
                key, context: SnapshotDomainCertificate.sealContext(domainName: name, certificateBody: body))))
    }

    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    @Test func opensSealedKeysAndKeepsUnchangedContexts() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let lines = Lines()
        let compiler = TLSDomainCertificates(seal: Self.seal, log: lines.append)
        let a = try Self.domain("A.example.test", certificates.makeLeaf("a"))
        let b = try Self.domain("b.example.test", certificates.makeLeaf("b"), policy: "TLS_1_0")
        let bare = SnapshotDomainName(domainName: "bare.example.test", endpointType: "EDGE", securityPolicy: "TLS_1_2", mappings: [])
        let first = try #require(compiler.update([a, b, bare]))
        #expect(first.count == 2)
        #expect(first.entry(for: "b.example.test")?.policy == .tls10)
        let second = try #require(compiler.update([a, b, bare]))
        #expect(second.entry(for: "a.example.test")?.context === first.entry(for: "a.example.test")?.context, "unchanged: same context")
        #expect(compiler.current === second)
        #expect(lines.all.isEmpty)
        #expect(compiler.update([bare]) == nil)
        #expect(compiler.update(nil) == nil)
    }

    @Test func aDomainThatDoesNotBuildFallsBackAndIsLoggedOnce() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let lines = Lines()
        let compiler = TLSDomainCertificates(seal: Self.seal, log: lines.append)
        let good = try Self.domain("a.example.test", certificates.makeLeaf("a"))
        let foreign = try Self.domain("c.example.test", certificates.makeLeaf("c"), seal: SecretSeal(clusterSecret: "another"))
        let unserved = try Self.domain("d.example.test", certificates.makeLeaf("d"), policy: "SecurityPolicy_TLS13_1_3_2025_09")
        let table = try #require(compiler.update([good, foreign, unserved]))
        #expect(table.entry(for: "c.example.test") == nil && table.entry(for: "d.example.test") == nil)
        #expect(lines.all == [
            "custom domain c.example.test: certificate not served (its private key does not open with this node's cluster secret); its handshakes get the default --tls-cert",
            "custom domain d.example.test: certificate not served (securityPolicy SecurityPolicy_TLS13_1_3_2025_09 is not served); its handshakes get the default --tls-cert",
        ])
        _ = compiler.update([good, foreign, unserved])
        #expect(lines.all.count == 2, "logged once per domain and material")

        // A rotation to a key that does not open keeps the previous certificate serving.
        var broken = try Self.domain("a.example.test", certificates.makeLeaf("a2"))
        let sealed = try #require(broken.certificate?.sealedPrivateKey)
        broken.certificate?.sealedPrivateKey = (sealed.hasPrefix("00") ? "11" : "00") + sealed.dropFirst(2)
        let kept = try #require(compiler.update([broken]))
        #expect(kept.entry(for: "a.example.test")?.context === table.entry(for: "a.example.test")?.context)
        #expect(lines.all.last == "custom domain a.example.test: certificate not served (its private key does not open with this node's cluster secret); its previous certificate keeps serving")
    }
}
