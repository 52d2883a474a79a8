import Foundation
import Testing
import Shared
import ControlPlane

/// Mutual TLS on a custom domain name through a real control plane and node (issue 15): the
/// truststore named by a `file://` URI, a client certificate signed by its CA let in with its
/// fields in `$context.identity.clientCert`, no certificate or another CA's refused in the
/// handshake, a `Host` naming the domain over another connection refused at routing, and a
/// domain without mutual TLS unchanged. Waits are bounded polls (10 s, 50 ms steps).
@Suite(.serialized, .timeLimit(.minutes(3))) struct MutualTLSEndToEndTests {
    static let mutual = "m.example.test"
    static let open = "o.example.test"

    @Test func requiresAClientCertificateFromTheTruststoreAndShowsItsFields() async throws {
        let certificates = try TestCertificates()
        let strangers = try TestCertificates()
        defer { certificates.remove(); strangers.remove() }
        let cluster = try await Cluster.start(nodes: 1, nodeArguments: [0: [
            "--tls-listen", "127.0.0.1:0", "--tls-cert", certificates.leafFile, "--tls-key", certificates.leafKeyFile,
        ]])
        do {
            try await Self.run(cluster, certificates, strangers)
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    /// The status of `GET /who` on a new connection to `serverName` with `Host: host`, presenting
    /// `client` (a certificate and key file) if given; nil when the handshake or the exchange
    /// failed (a TLS 1.3 server's refusal of a client certificate arrives after the client's
    /// side of the handshake, so it shows on the first read).
    static func attempt(port: Int, serverName: String, host: String? = nil, client: (certificate: String, key: String)?,
                        protocols: TLSContext.ProtocolRange = .tls12AndLater) async -> (status: UInt, body: String)? {
        try? await blocking { () throws -> (UInt, String) in
            let connection = if let client {
                try TLSTestClient(port: port, serverName: serverName, clientCertificate: client.certificate, key: client.key,
                                  protocols: protocols)
            } else {
                try TLSTestClient(port: port, caFile: nil, serverName: serverName, protocols: protocols)
            }
            let response = try connection.get("/who", host: host ?? serverName)
            return (UInt(response.head.status), String(decoding: response.body, as: UTF8.self))
        }
    }

    static func run(_ cluster: Cluster, _ certificates: TestCertificates, _ strangers: TestCertificates) async throws {
        let admin = cluster.admin
        let api = try await ApiBuilder.create(admin, name: "mtls")
        let who = try await api.resource("who")
        try await api.mock(who, body: #"{"subject":"$context.identity.clientCert.subjectDN","issuer":"$context.identity.clientCert.issuerDN","serial":"$context.identity.clientCert.serialNumber","notAfter":"$context.identity.clientCert.validity.notAfter"}"#)
        try await api.deploy(stage: "prod")
        let created = try await admin.call(.POST, "/domainnames", json: [
            "domainName": mutual, "endpointConfiguration": ["types": ["REGIONAL"]], "regionalCertificateName": mutual,
            "certificateBody": try String(contentsOfFile: try certificates.makeLeaf("mutual").certificate, encoding: .utf8),
            "certificatePrivateKey": try String(contentsOfFile: certificates.directory.file("mutual.key"), encoding: .utf8),
            "mutualTlsAuthentication": ["truststoreUri": "file://" + certificates.caFile],
        ])
        #expect((created["mutualTlsAuthentication"] as? [String: Any])?["truststoreUri"] as? String == "file://" + certificates.caFile)
        try await CustomDomainTLSEndToEndTests.upload(admin, open, try certificates.makeLeaf("open"), policy: "TLS_1_2")
        for name in [mutual, open] {
            _ = try await admin.call(.POST, "/domainnames/\(name)/basepathmappings", json: ["restApiId": api.id, "stage": "prod"])
        }
        let port = try CustomDomainEndToEndTests.tlsPort(cluster.node(0))
        let client = try certificates.makeLeaf("client")

        // A certificate the truststore's CA signed: let in, its fields in the template.
        var answer: (status: UInt, body: String)?
        let served = try await CustomDomainEndToEndTests.until {
            answer = await attempt(port: port, serverName: mutual, client: client)
            return answer?.status == 200
        }
        #expect(served, "the mutual TLS domain never answered:\n\(cluster.node(0).log)")
        let fields = try JSONSerialization.jsonObject(with: Data((answer?.body ?? "{}").utf8)) as? [String: String]
        #expect(fields?["subject"] == "CN=localhost client")
        #expect(fields?["issuer"] == "CN=Tollgate Test CA")
        #expect(fields?["serial"]?.isEmpty == false && fields?["serial"]?.allSatisfy(\.isNumber) == true)
        #expect(fields?["notAfter"]?.hasSuffix(" GMT") == true)
        #expect(await attempt(port: port, serverName: mutual, client: client, protocols: .tls12Only)?.status == 200)

        // No certificate, or one another CA signed: the handshake fails (TLS 1.3 and 1.2).
        let stranger = try strangers.makeLeaf("stranger")
        for protocols in [TLSContext.ProtocolRange.tls12AndLater, .tls12Only] {
            #expect(await attempt(port: port, serverName: mutual, client: nil, protocols: protocols) == nil)
            #expect(await attempt(port: port, serverName: mutual, client: stranger, protocols: protocols) == nil)
        }

        // The domain without mutual TLS is unchanged: no certificate needed, the fields empty.
        let plain = await attempt(port: port, serverName: open, client: nil)
        #expect(plain?.status == 200)
        #expect(plain?.body.contains(#""subject":"""#) == true)
        // A Host naming the mutual TLS domain on a connection its truststore did not verify: 403.
        #expect(await attempt(port: port, serverName: open, host: mutual, client: nil)?.status == 403)
        #expect(await attempt(port: port, serverName: open, host: mutual, client: client)?.status == 403)
        let overPlain = try await cluster.send(port: cluster.nodePorts[0], "/who", host: mutual)
        #expect(overPlain.status == 403)

        // Turning mutual TLS off: the domain answers clients without a certificate again.
        let updated = try await admin.call(.PATCH, "/domainnames/\(mutual)", json: ["patchOperations": [
            ["op": "replace", "path": "/mutualTlsAuthentication/truststoreUri", "value": ""],
        ]])
        #expect(updated["mutualTlsAuthentication"] == nil)
        let reopened = try await CustomDomainEndToEndTests.until {
            await attempt(port: port, serverName: mutual, client: nil)?.status == 200
        }
        #expect(reopened, "mutual TLS was never turned off:\n\(cluster.node(0).log)")
    }
}
