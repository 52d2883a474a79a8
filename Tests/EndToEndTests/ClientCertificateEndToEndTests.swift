import ControlPlane
import Foundation
import Testing
import Shared

/// A stage's `clientCertificateId` through a real control plane and node (issue 15): an HTTPS
/// backend that requires a client certificate signed by the stage's certificate (the
/// GenerateClientCertificate PEM as its trust anchor) refuses the node's calls until the stage
/// names the certificate, then accepts them. Waits are bounded polls (10 s, 50 ms steps).
@Suite(.serialized, .timeLimit(.minutes(3))) struct ClientCertificateEndToEndTests {
    @Test func anUpstreamRequiringAClientCertificateAcceptsTheStagesAndRefusesWithout() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let cluster = try await Cluster.start(nodes: 1, nodeArguments: [0: ["--ca-file", certificates.caFile]])
        var backend: CountingBackend?
        do {
            backend = try await Self.run(cluster, certificates)
        } catch {
            await cluster.stop()
            throw error
        }
        await backend?.stop()
        await cluster.stop()
    }

    static func run(_ cluster: Cluster, _ certificates: TestCertificates) async throws -> CountingBackend {
        let admin = cluster.admin
        let generated = try await admin.call(.POST, "/clientcertificates", json: ["description": "backend"])
        let id = try #require(generated["clientCertificateId"] as? String)
        let pem = try #require(generated["pemEncodedCertificate"] as? String)
        let trust = certificates.directory.file("gateway-client.pem")
        try pem.write(toFile: trust, atomically: true, encoding: .utf8)
        let backend = try CountingBackend(tls: TLSContext(certificateChainFile: certificates.leafFile, privateKeyFile: certificates.leafKeyFile,
                                                          requiringClientCertificatesFrom: trust))
        let api = try await ApiBuilder.create(admin, name: "mtls")
        let resource = try await api.resource("call")
        try await api.method(resource, "GET")
        try await api.integration(resource, "GET", ["type": "HTTP_PROXY", "httpMethod": "GET",
                                                    "uri": "https://localhost:\(backend.port)/reached"])
        _ = try await api.deploy(stage: "prod")
        let port = cluster.nodePorts[0]

        // Without a client certificate the backend refuses the handshake: AWS's generic 504.
        let deployed = try await CustomDomainEndToEndTests.until {
            (try? await cluster.invoke(port: port, apiId: api.id, "/prod/call"))?.status == 504
        }
        #expect(deployed, "the stage never answered 504 without a certificate:\n\(cluster.node(0).log)")
        #expect(backend.paths.isEmpty)

        // The stage names the certificate: the node presents it and the backend answers.
        _ = try await admin.call(.PATCH, "/restapis/\(api.id)/stages/prod", json: ["patchOperations": [
            ["op": "replace", "path": "/clientCertificateId", "value": id],
        ]])
        let accepted = try await CustomDomainEndToEndTests.until {
            (try? await cluster.invoke(port: port, apiId: api.id, "/prod/call"))?.status == 200
        }
        #expect(accepted, "the backend never accepted the stage's certificate:\n\(cluster.node(0).log)")
        let answer = try await cluster.invoke(port: port, apiId: api.id, "/prod/call")
        #expect(answer.status == 200 && answer.text == "reached")
        #expect(backend.paths.contains("/reached"))

        // Cleared again: refused again (the pooled connection that presented it is not reused).
        _ = try await admin.call(.PATCH, "/restapis/\(api.id)/stages/prod", json: ["patchOperations": [
            ["op": "replace", "path": "/clientCertificateId", "value": ""],
        ]])
        let refused = try await CustomDomainEndToEndTests.until {
            (try? await cluster.invoke(port: port, apiId: api.id, "/prod/call"))?.status == 504
        }
        #expect(refused, "calls kept presenting the certificate after it was cleared")
        // The node's disk cache never holds the certificate's key in clear.
        let cached = try FileManager.default.contentsOfDirectory(atPath: cluster.stateDirectory(0)).compactMap {
            FileManager.default.contents(atPath: cluster.stateDirectory(0) + "/" + $0).map { String(decoding: $0, as: UTF8.self) }
        }.joined()
        #expect(!cached.contains("PRIVATE KEY"))
        return backend
    }
}
