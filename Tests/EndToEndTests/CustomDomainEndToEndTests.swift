import Foundation
import Testing
import Shared

/// Custom domain names served through a real control plane and node (issue 15): CreateDomainName
/// with an uploaded certificate, base path mappings, a deployment; requests whose `Host` is the
/// domain, on the plain listener and on `--tls-listen`, reach the mapped API and stage with the
/// base path stripped. Waits for the node to apply a change are bounded polls (10 s, 50 ms steps).
@Suite(.serialized, .timeLimit(.minutes(3))) struct CustomDomainEndToEndTests {
    static let domain = "api.example.test"
    static let rootDomain = "root.example.test"
    static let accessLogFormat = #"{"requestId":"$context.requestId","basePath":"$context.customDomain.basePathMatched","path":"$context.path"}"#

    @Test func basePathMappingsRouteByHostOnBothListenersUntilDeleted() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let logs = certificates.directory.file("access")
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let cluster = try await Cluster.start(nodes: 1, nodeArguments: [0: [
            "--tls-listen", "127.0.0.1:0", "--tls-cert", certificates.leafFile, "--tls-key", certificates.leafKeyFile,
            "--access-log-dir", logs,
        ]])
        do {
            try await Self.run(cluster, certificates, logs: logs)
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    /// Waits (10 s in 50 ms steps) until `condition` holds; false when it never did.
    static func until(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<200 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    static func run(_ cluster: Cluster, _ certificates: TestCertificates, logs: String) async throws {
        let admin = cluster.admin
        let api = try await ApiBuilder.create(admin, name: "domains")
        let pets = try await api.resource("pets")
        let pet = try await api.resource("{id}", under: pets)
        try await api.mock(pet, body: #"{"resource":"$context.resourcePath","path":"$context.path","domain":"$context.domainName","prefix":"$context.domainPrefix","stage":"$context.stage","id":"$input.params('id')"}"#)
        try await api.deploy(stage: "prod")
        _ = try await admin.call(.PATCH, "/restapis/\(api.id)/stages/prod", json: ["patchOperations": [
            ["op": "replace", "path": "/accessLogSettings/format", "value": Self.accessLogFormat],
            ["op": "replace", "path": "/accessLogSettings/destinationArn", "value": "arn:aws:logs:us-east-1:123456789012:log-group:/e2e/domains"],
        ]])
        let leaf = try certificates.makeLeaf("domain")
        _ = try await admin.call(.POST, "/domainnames", json: [
            "domainName": Self.domain, "endpointConfiguration": ["types": ["REGIONAL"]], "regionalCertificateName": "domain",
            "certificateBody": try String(contentsOfFile: leaf.certificate, encoding: .utf8),
            "certificatePrivateKey": try String(contentsOfFile: leaf.key, encoding: .utf8),
        ])
        _ = try await admin.call(.POST, "/domainnames/\(Self.domain)/basepathmappings", json: ["basePath": "v1", "restApiId": api.id, "stage": "prod"])
        _ = try await admin.call(.POST, "/domainnames", json: ["domainName": Self.rootDomain, "endpointConfiguration": ["types": ["REGIONAL"]]])
        _ = try await admin.call(.POST, "/domainnames/\(Self.rootDomain)/basepathmappings", json: ["restApiId": api.id, "stage": "prod"])

        let port = cluster.nodePorts[0]
        let served = try await until {
            let root = try? await cluster.send(port: port, "/pets/1", host: Self.rootDomain)
            let named = try? await cluster.send(port: port, "/v1/pets/1", host: Self.domain)
            return root?.status == 200 && named?.status == 200
        }
        #expect(served, "the domain was never served:\n\(cluster.node(0).log)")

        // The node's disk cache holds the domain but no key material.
        let cached = try FileManager.default.contentsOfDirectory(atPath: cluster.stateDirectory(0)).compactMap {
            FileManager.default.contents(atPath: cluster.stateDirectory(0) + "/" + $0).map { String(decoding: $0, as: UTF8.self) }
        }.joined()
        #expect(cached.contains(Self.domain))
        #expect(!cached.contains("PRIVATE KEY"))

        // Plain listener, Host = the domain (any case, with a port): the base path is stripped.
        let plain = try await cluster.send(port: port, "/v1/pets/7", host: "API.Example.test:\(port)")
        #expect(plain.status == 200)
        #expect(plain.json["resource"] as? String == "/pets/{id}")
        #expect(plain.json["id"] as? String == "7")
        #expect(plain.json["stage"] as? String == "prod")
        #expect(plain.json["path"] as? String == "/v1/pets/7")
        #expect(plain.json["domain"] as? String == "API.Example.test")
        #expect(plain.json["prefix"] as? String == "API")

        // `(none)` catches the whole path; a domain without it answers 403 Forbidden for other paths.
        let root = try await cluster.send(port: port, "/pets/8", host: Self.rootDomain)
        #expect(root.status == 200)
        #expect(root.json["id"] as? String == "8")
        let unmapped = try await cluster.send(port: port, "/v2/pets/7", host: Self.domain)
        #expect(unmapped.status == 403)
        #expect(unmapped.text == #"{"message":"Forbidden"}"#)
        let unrouted = try await cluster.send(port: port, "/v1/nothing", host: Self.domain)
        #expect(unrouted.status == 403)
        #expect(unrouted.text == #"{"message":"Missing Authentication Token"}"#)

        // The TLS listener routes by Host the same way.
        let tlsPort = try Self.tlsPort(cluster.node(0))
        let ca = certificates.caFile
        let overTLS = try await blocking { () throws -> HTTPResponse in
            try TLSTestClient(port: tlsPort, caFile: ca).get("/v1/pets/9", host: Self.domain)
        }
        #expect(overTLS.head.status == 200)
        #expect(overTLS.json["id"] as? String == "9")

        // The access log names the base path matched (`(none)` for the empty one).
        let file = logs + "/e2e/domains.log"
        let lines = { () -> [[String: String]] in
            let text = FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
            return text.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: String] }
        }
        let logged = [plain, root, unrouted].compactMap { $0.headers["x-amzn-RequestId"] }
        #expect(try await until { Set(lines().compactMap { $0["requestId"] }).isSuperset(of: logged) })
        let byId = Dictionary(lines().map { ($0["requestId"] ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byId[logged[0]]?["basePath"] == "v1")
        #expect(byId[logged[0]]?["path"] == "/v1/pets/7")
        #expect(byId[logged[1]]?["basePath"] == "(none)")
        #expect(byId[logged[2]]?["basePath"] == "v1")

        // disableExecuteApiEndpoint (deployed): the invoke URL answers 403, the domain still serves.
        _ = try await admin.call(.PATCH, "/restapis/\(api.id)", json: ["patchOperations": [
            ["op": "replace", "path": "/disableExecuteApiEndpoint", "value": "true"],
        ]])
        try await api.deploy(stage: "prod")
        #expect(try await until { (try? await cluster.invoke(port: port, apiId: api.id, "/prod/pets/1"))?.status == 403 })
        #expect(try await cluster.send(port: port, "/v1/pets/1", host: Self.domain).status == 200)

        // Deleting the mapping stops the routing once the node has the next snapshot.
        _ = try await admin.call(.DELETE, "/domainnames/\(Self.domain)/basepathmappings/v1")
        let stopped = try await until { (try? await cluster.send(port: port, "/v1/pets/7", host: Self.domain))?.status == 403 }
        #expect(stopped, "the deleted mapping kept routing")
        #expect(try await cluster.send(port: port, "/v1/pets/7", host: Self.domain).text == #"{"message":"Forbidden"}"#)
        #expect(try await cluster.send(port: port, "/pets/7", host: Self.rootDomain).status == 200)
    }

    /// The node's `--tls-listen` port, from its log.
    static func tlsPort(_ node: TollgateProcess) throws -> Int {
        let pattern = try NSRegularExpression(pattern: #"data plane listening on https://127\.0\.0\.1:(\d+)"#)
        let log = node.log
        guard let match = pattern.firstMatch(in: log, range: NSRange(log.startIndex..., in: log)),
              let range = Range(match.range(at: 1), in: log), let port = Int(log[range]) else {
            throw ProcessError("no TLS listening line in:\n\(log)")
        }
        return port
    }
}
