import Foundation
import Testing
import Shared
import ControlPlane

/// Custom domains' certificates served by SNI through a real control plane and node (issue 15):
/// two domains with their own uploaded certificates on one `--tls-listen`, the default
/// `--tls-cert` for unknown or absent SNI, each domain's `securityPolicy` against a TLS 1.1
/// client, the private key never in clear in the node's disk cache, and a certificate rotated by
/// UpdateDomainName reaching the node while a keep-alive connection stays open on the old one.
/// Waits are bounded polls (10 s, 50 ms steps).
@Suite(.serialized, .timeLimit(.minutes(3))) struct CustomDomainTLSEndToEndTests {
    static let domainA = "a.example.test"
    static let domainB = "b.example.test"

    @Test func servesEachDomainsCertificateBySNIAndRotatesItWithoutDroppingConnections() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let cluster = try await Cluster.start(nodes: 1, nodeArguments: [0: [
            "--tls-listen", "127.0.0.1:0", "--tls-cert", certificates.leafFile, "--tls-key", certificates.leafKeyFile,
        ]])
        do {
            try await Self.run(cluster, certificates)
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    /// The subject a new handshake with `serverName` presents (nil: the handshake failed).
    static func subject(port: Int, serverName: String?, protocols: TLSContext.ProtocolRange = .tls12AndLater) async -> String? {
        try? await blocking { try TLSTestClient(port: port, caFile: nil, serverName: serverName, protocols: protocols).peerSubject }
    }

    static func upload(_ admin: AdminClient, _ name: String, _ pair: (certificate: String, key: String), policy: String) async throws {
        _ = try await admin.call(.POST, "/domainnames", json: [
            "domainName": name, "endpointConfiguration": ["types": ["REGIONAL"]], "regionalCertificateName": name,
            "securityPolicy": policy,
            "certificateBody": try String(contentsOfFile: pair.certificate, encoding: .utf8),
            "certificatePrivateKey": try String(contentsOfFile: pair.key, encoding: .utf8),
        ])
    }

    static func run(_ cluster: Cluster, _ certificates: TestCertificates) async throws {
        let admin = cluster.admin
        let api = try await ApiBuilder.create(admin, name: "sni")
        let hello = try await api.resource("hello")
        try await api.mock(hello, body: #"{"domain":"$context.domainName"}"#)
        try await api.deploy(stage: "prod")
        try await upload(admin, domainA, try certificates.makeLeaf("domain-a"), policy: "TLS_1_2")
        try await upload(admin, domainB, try certificates.makeLeaf("domain-b"), policy: "TLS_1_0")
        for name in [domainA, domainB] {
            _ = try await admin.call(.POST, "/domainnames/\(name)/basepathmappings", json: ["restApiId": api.id, "stage": "prod"])
        }
        let port = try CustomDomainEndToEndTests.tlsPort(cluster.node(0))

        // Each domain's certificate by SNI (any case), once the node has the snapshot.
        let plainPort = cluster.nodePorts[0]
        let served = try await CustomDomainEndToEndTests.until {
            let mapped = try? await cluster.send(port: plainPort, "/hello", host: domainB)
            let presented = await subject(port: port, serverName: domainA)
            return mapped?.status == 200 && presented == "/CN=localhost domain-a"
        }
        #expect(served, "domain a's certificate was never served:\n\(cluster.node(0).log)")
        #expect(await subject(port: port, serverName: "B.EXAMPLE.TEST") == "/CN=localhost domain-b")
        // Unknown and absent SNI: the default --tls-cert.
        #expect(await subject(port: port, serverName: "c.example.test") == "/CN=localhost leaf")
        #expect(await subject(port: port, serverName: "x.a.example.test") == "/CN=localhost leaf")
        #expect(await subject(port: port, serverName: nil) == "/CN=localhost leaf")

        // securityPolicy: TLS_1_0 lets a TLS 1.1 client in, TLS_1_2 (and the default) refuse it.
        let old = try await blocking { () throws -> (String, Int) in
            let client = try TLSTestClient(port: port, caFile: nil, serverName: domainB, protocols: .tls11Only)
            return (client.protocolVersion, Int(try client.get("/hello", host: domainB).head.status))
        }
        #expect(old == ("TLSv1.1", 200))
        #expect(await subject(port: port, serverName: domainA, protocols: .tls11Only) == nil)
        #expect(await subject(port: port, serverName: nil, protocols: .tls11Only) == nil)

        // The disk cache holds the certificates but never a private key in clear.
        let cached = try FileManager.default.contentsOfDirectory(atPath: cluster.stateDirectory(0)).compactMap {
            FileManager.default.contents(atPath: cluster.stateDirectory(0) + "/" + $0).map { String(decoding: $0, as: UTF8.self) }
        }.joined()
        #expect(cached.contains("sealedPrivateKey") && cached.contains("BEGIN CERTIFICATE"))
        #expect(!cached.contains("PRIVATE KEY"))

        // Rotation by UpdateDomainName while a keep-alive connection is open on the old certificate.
        let ca = certificates.caFile
        let kept = try await blocking { () throws -> TLSTestClient in
            let client = try TLSTestClient(port: port, caFile: ca, serverName: "localhost")
            _ = try client.get("/hello", host: domainA)
            return client
        }
        let keptOnA = try await blocking { try TLSTestClient(port: port, caFile: nil, serverName: domainA) }
        #expect(keptOnA.peerSubject == "/CN=localhost domain-a")
        let rotated = try certificates.makeLeaf("domain-a2")
        let updated = try await admin.call(.PATCH, "/domainnames/\(domainA)", json: ["patchOperations": [
            ["op": "replace", "path": "/certificateBody", "value": try String(contentsOfFile: rotated.certificate, encoding: .utf8)],
            ["op": "replace", "path": "/certificatePrivateKey", "value": try String(contentsOfFile: rotated.key, encoding: .utf8)],
        ]])
        #expect(updated["certificatePrivateKey"] == nil)
        let reached = try await CustomDomainEndToEndTests.until {
            await subject(port: port, serverName: domainA) == "/CN=localhost domain-a2"
        }
        #expect(reached, "the rotated certificate never reached the node:\n\(cluster.node(0).log)")
        #expect(await subject(port: port, serverName: domainB) == "/CN=localhost domain-b")
        // Both open connections still answer, on the certificates they started with.
        let answers = try await blocking { () throws -> [UInt] in
            [try kept.get("/hello", host: domainA).head.status, try keptOnA.get("/hello", host: domainA).head.status].map { UInt($0) }
        }
        #expect(answers == [200, 200])
        #expect(keptOnA.peerSubject == "/CN=localhost domain-a")
        #expect(!cluster.node(0).log.contains("certificate not served"))
    }
}
