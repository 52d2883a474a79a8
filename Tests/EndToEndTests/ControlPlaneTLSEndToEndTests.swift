import ControlPlane
import Foundation
import Shared
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// TLS between the planes through the real binaries (issue 15): a control plane serving only
/// HTTPS (`--listen off --tls-listen`), nodes polling its `https://` URL with `--ca-file`, a node
/// trusting another CA refusing it (and keeping its last good snapshot), `tollgate nodes
/// --ca-file`, and the control plane's certificate reloaded on change. Certificates come from
/// `TestCertificates` (the `openssl` CLI), made per test. Waits are bounded polls.
@Suite(.timeLimit(.minutes(3))) struct ControlPlaneTLSEndToEndTests {
    static let credentials = Cluster.credentials
    static let clusterSecret = "planes-tls-cluster-secret"

    /// A control plane on HTTPS only, its files under `certificates.directory`.
    static func startControlPlane(_ certificates: TestCertificates, cert: String, key: String) async throws -> TollgateProcess {
        let directory = certificates.directory
        return try await TollgateProcess.start(
            "control-plane-tls",
            ["control-plane", "--listen", "off", "--tls-listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", key,
             "--data-dir", directory.file("control-plane"), "--gossip", "off",
             "--admin-access-key-id", credentials.accessKeyId, "--admin-secret-access-key", credentials.secretAccessKey,
             "--cluster-secret", clusterSecret, "--threads", "1"],
            logPath: directory.file("control-plane.log"), listeningPattern: #"admin API listening on https://127\.0\.0\.1:(\d+)"#)
    }

    /// A node polling `https://127.0.0.1:PORT` and trusting `caFile`.
    static func startNode(_ name: String, controlPlanePort: Int, caFile: String, directory: TemporaryDirectory) async throws -> TollgateProcess {
        try await TollgateProcess.start(
            name,
            ["data-plane", "--listen", "127.0.0.1:0", "--control-plane", "https://127.0.0.1:\(controlPlanePort)", "--ca-file", caFile,
             "--state-dir", directory.file("state-\(name)"), "--node-id", name, "--cluster-secret", clusterSecret, "--threads", "1"],
            logPath: directory.file("\(name)-\(UUID().uuidString.prefix(6)).log"),
            listeningPattern: #"data plane listening on http://127\.0\.0\.1:(\d+)"#)
    }

    /// Runs `tollgate ARGUMENTS…` to completion (bounded); its exit status and output.
    static func tollgate(_ arguments: [String], timeout: Duration = .seconds(20)) async throws -> (status: Int32, output: String) {
        let path = NSTemporaryDirectory() + "tollgate-tool-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TollgateBinary.path)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? output.close()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
    }

    /// Polls `condition` every 100 ms for up to `seconds`; whether it came true.
    static func until(seconds: Int = 15, _ condition: () async throws -> Bool) async rethrows -> Bool {
        for _ in 0..<(seconds * 10) {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// `GET target` on the node at `port` with the invoke-URL host of `apiId`.
    static func invoke(_ client: HTTPClient, port: Int, apiId: String, _ target: String) async -> HTTPResponse? {
        try? await client.execute(HTTPClientRequest(host: "127.0.0.1", port: port, target: target,
                                                    headers: HTTPHeaders([("Host", "\(apiId).execute-api.localhost:\(port)")]),
                                                    connectTimeout: .seconds(2), responseTimeout: .seconds(5)))
    }

    @Test func nodesPollAnHTTPSControlPlaneAndAWrongCAIsRefusedWhileTheLastGoodSnapshotServes() async throws {
        let certificates = try TestCertificates()
        let foreign = try TestCertificates()
        defer {
            certificates.remove()
            foreign.remove()
        }
        let controlPlane = try await Self.startControlPlane(certificates, cert: certificates.leafFile, key: certificates.leafKeyFile)
        let group = EventLoopGroup(threads: 1)
        var adminConfiguration = HTTPClient.Configuration()
        adminConfiguration.tls = try TLSClientContexts(caFile: certificates.caFile)
        let adminHTTP = HTTPClient(group: group, configuration: adminConfiguration)
        let client = HTTPClient(group: group)
        var processes = [controlPlane]
        defer {
            for process in processes where process.isRunning { process.kill() }
            group.shutdown()
        }
        let url = "https://127.0.0.1:\(controlPlane.port)"
        let admin = AdminClient(endpoint: try #require(HTTPEndpointAddress(url)), credentials: Self.credentials, client: adminHTTP)
        #expect(admin.endpoint.isTLS)
        let api = try await ApiBuilder.create(admin, name: "over-tls")
        let hello = try await api.resource("hello")
        try await api.mock(hello, body: "v1")
        try await api.deploy(stage: "prod")

        // A node that trusts the control plane's CA gets the snapshot over HTTPS.
        let good = try await Self.startNode("node-good", controlPlanePort: controlPlane.port, caFile: certificates.caFile,
                                            directory: certificates.directory)
        processes.append(good)
        let served = await Self.until { await Self.invoke(client, port: good.port, apiId: api.id, "/prod/hello")?.text == "v1" }
        #expect(served, "node-good never served v1:\n\(good.log)")

        // A node that trusts another CA refuses the control plane, says why, and serves nothing.
        let wrong = try await Self.startNode("node-wrong", controlPlanePort: controlPlane.port, caFile: foreign.caFile,
                                             directory: certificates.directory)
        processes.append(wrong)
        let refused = await Self.until { wrong.log.contains("TLS certificate verification failed") }
        #expect(refused, "node-wrong logged no verification failure:\n\(wrong.log)")
        #expect(wrong.log.contains("control plane unreachable: \(url)"))
        #expect(await Self.invoke(client, port: wrong.port, apiId: api.id, "/prod/hello")?.status == 503)

        // `tollgate nodes` over HTTPS with the CA bundle lists the node that reached it, not the other.
        let tool = ["nodes", "--control-plane", url, "--admin-access-key-id", Self.credentials.accessKeyId,
                    "--admin-secret-access-key", Self.credentials.secretAccessKey]
        let listed = try await Self.tollgate(tool + ["--ca-file", certificates.caFile])
        #expect(listed.status == 0, "\(listed.output)")
        #expect(listed.output.contains("node-good") && !listed.output.contains("node-wrong"), "\(listed.output)")
        // Without the bundle (system store only) and with the wrong one it refuses, saying why.
        for extra in [[], ["--ca-file", foreign.caFile]] {
            let failed = try await Self.tollgate(tool + extra)
            #expect(failed.status == 1 && failed.output.contains("TLS certificate verification failed"), "\(extra): \(failed.output)")
        }

        // node-good restarted with the wrong CA keeps serving its last good snapshot (from its disk
        // cache) and logs the refusal; a new deployment does not reach it.
        await good.stop()
        try await api.mock(try await api.resource("added"), body: "v2")
        try await api.deploy(stage: "prod")
        let restarted = try await TollgateProcess.start(
            "node-good",
            ["data-plane", "--listen", "127.0.0.1:0", "--control-plane", url, "--ca-file", foreign.caFile,
             "--state-dir", certificates.directory.file("state-node-good"), "--node-id", "node-good",
             "--cluster-secret", Self.clusterSecret, "--threads", "1"],
            logPath: certificates.directory.file("node-good-restarted.log"),
            listeningPattern: #"data plane listening on http://127\.0\.0\.1:(\d+)"#)
        processes.append(restarted)
        let refusedAgain = await Self.until { restarted.log.contains("TLS certificate verification failed") }
        #expect(refusedAgain, "\(restarted.log)")
        #expect(await Self.invoke(client, port: restarted.port, apiId: api.id, "/prod/hello")?.text == "v1")
        #expect(await Self.invoke(client, port: restarted.port, apiId: api.id, "/prod/added")?.status != 200)

        for process in [restarted, wrong, controlPlane] { #expect(await process.stop() == 0) }
        await adminHTTP.shutdown()
        await client.shutdown()
    }

    @Test func theControlPlaneCertificateIsReloadedWhenItsFilesChange() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let cert = certificates.directory.file("serving.pem")
        let key = certificates.directory.file("serving.key")
        try FileManager.default.copyItem(atPath: certificates.leafFile, toPath: cert)
        try FileManager.default.copyItem(atPath: certificates.leafKeyFile, toPath: key)
        let controlPlane = try await Self.startControlPlane(certificates, cert: cert, key: key)
        defer { if controlPlane.isRunning { controlPlane.kill() } }
        let (port, ca) = (controlPlane.port, certificates.caFile)
        let subject: @Sendable () async throws -> String? = {
            try await blocking {
                let client = try TLSTestClient(port: port, caFile: ca)
                let answer = try client.get("/_tollgate/health")
                guard answer.head.status == 200 else { throw ProcessError("health answered \(answer.head.status)") }
                return client.peerSubject
            }
        }
        #expect(try await subject()?.contains("localhost leaf") == true)
        // Renamed over, no signal: the 2 s poll of the files picks the rotated pair up.
        try TLSReloadEndToEndTests.replace(key, with: certificates.rotatedKeyFile)
        try TLSReloadEndToEndTests.replace(cert, with: certificates.rotatedFile)
        let rotated = try await Self.until { try await subject()?.contains("localhost rotated") == true }
        #expect(rotated, "\(controlPlane.log)")
        #expect(controlPlane.log.contains("TLS certificate files changed: TLS certificate reloaded"))
        // SIGHUP reloads too, and does not end the process.
        kill(controlPlane.pid, SIGHUP)
        let hungUp = await Self.until { controlPlane.log.contains("SIGHUP: TLS certificate reloaded") }
        #expect(hungUp && controlPlane.isRunning, "\(controlPlane.log)")
        // The control plane exports the node's tollgate_tls_* families.
        let scrape = try await blocking { () throws -> String in
            let answer = try TLSTestClient(port: port, caFile: ca).get("/_tollgate/metrics")
            return String(decoding: answer.body, as: UTF8.self)
        }
        #expect(scrape.contains(#"tollgate_tls_reloads_total{result="reloaded"} 2"#), "\(scrape)")
        #expect(scrape.contains("tollgate_tls_reload_failing 0"))
        #expect(await controlPlane.stop() == 0)
    }
}
