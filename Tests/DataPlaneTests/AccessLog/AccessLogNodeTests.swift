import Foundation
import Testing
@testable import DataPlane
@testable import Shared

/// Access logs through a running node: a stage with `accessLogSettings` writes one line per
/// request to `{--access-log-dir}/{log group}.log`, answered, refused, or matching no resource;
/// a stage without writes none.
@Suite(.timeLimit(.minutes(1))) struct AccessLogNodeTests {
    static let format = "$context.requestId $context.httpMethod $context.resourcePath $context.status $context.error.responseType $context.responseLength"

    /// `SyncFixtures`' API (`GET /which` MOCK) plus `GET /locked` (CUSTOM without an authorizer:
    /// refused 401), deployed to `prod` with access logs to `/tollgate/shop` and to `dev` without.
    static func snapshot() -> Snapshot {
        var snapshot = SyncFixtures.snapshot(revision: 1)
        var entry = snapshot.stages[0]
        var locked = Resource(id: "locked0001", parentId: "root000001", pathPart: "locked", path: "/locked")
        locked.resourceMethods = ["GET": Method(httpMethod: "GET", authorizationType: "CUSTOM",
                                                methodIntegration: Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                                                                               integrationResponses: ["200": IntegrationResponse(statusCode: "200")]))]
        entry.deployment.resources.append(locked)
        var dev = entry
        dev.stage.stageName = "dev"
        entry.stage.accessLogSettings = AccessLogSettings(format: format, destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:/tollgate/shop")
        snapshot.stages = [entry, dev]
        return snapshot
    }

    @Test func aLoggedStageWritesOneLinePerRequestToItsLogGroupsFile() async throws {
        let controlPlane = try FakeControlPlane()
        controlPlane.publish(SnapshotCodec.encode(Self.snapshot()), revision: 1)
        let directory = SyncFixtures.temporaryDirectory()
        let logDirectory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory); SyncFixtures.remove(logDirectory) }
        var configuration = DataPlaneNodeTests.configuration(controlPlanePort: controlPlane.port, directory: directory, logs: LogLines())
        configuration.accessLogDirectory = logDirectory
        let node = try DataPlaneNode(configuration: configuration)
        let port = try node.start()
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group)
        let host = "\(SyncFixtures.apiId).execute-api.localhost"

        let ready = await DataPlaneNodeTests.eventually {
            (try? await DataPlaneNodeTests.get(client, port: port, "/dev/which", host: host))?.status == 200
        }
        #expect(ready)
        let served = try await DataPlaneNodeTests.get(client, port: port, "/prod/which", host: host)
        let refused = try await DataPlaneNodeTests.get(client, port: port, "/prod/locked", host: host)
        let unknown = try await DataPlaneNodeTests.get(client, port: port, "/prod/nothing/here", host: host)
        #expect(served.status == 200)
        #expect(refused.status == 401)
        #expect(unknown.status == 403)
        let file = logDirectory + "/tollgate/shop.log"
        let lines = { (FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? "").split(separator: "\n") }
        let written = await DataPlaneNodeTests.eventually(.seconds(10)) { lines().count >= 3 }
        #expect(written)
        await node.shutdown()
        await client.shutdown()
        group.shutdown()
        await controlPlane.stop()

        // Only prod's two requests (dev's, however many the readiness loop sent, have no access log).
        // Order across loops is not kept (each loop has its own buffer), so compare as a set.
        let id = { (response: HTTPResponse) in response.headers["x-amzn-RequestId"] ?? "?" }
        #expect(lines().count == 3)
        #expect(Set(lines()) == ["\(id(served)) GET /which 200 - \(served.body.count)",
                                 "\(id(refused)) GET /locked 401 UNAUTHORIZED \(refused.body.count)",
                                 "\(id(unknown)) GET - 403 MISSING_AUTHENTICATION_TOKEN \(unknown.body.count)"])
        #expect(node.accessLogs.droppedLines == 0)
    }

    @Test func onlyRoutesOfStagesWithAccessLogSettingsCarryTheFilter() throws {
        let compiled = try SnapshotCompiler.compile(Self.snapshot())
        var configuration = PipelineConfiguration()
        let writer = AccessLogWriter(directory: nil, shardCount: 1, log: { _ in })
        configuration.accessLogs = writer
        let pipeline = RequestPipeline(configuration: configuration, invoker: UnavailableInvoker())
        let chains = pipeline.chains(for: compiled)
        let api = try #require(compiled.apis[SyncFixtures.apiId])
        for (name, logged) in [("prod", true), ("dev", false)] {
            let stage = try #require(api.stages[name])
            for route in stage.routes {
                let chain = try #require(chains.chain(for: route))
                #expect(chain.filterNames.contains("accessLog") == logged, "\(name) \(route.resourcePath)")
            }
        }
        // Without a node's writer (tests, benchmarks) no route carries it.
        let bare = RequestPipeline(configuration: PipelineConfiguration(), invoker: UnavailableInvoker()).chains(for: compiled)
        #expect(try #require(api.stages["prod"]).routes.allSatisfy { bare.chain(for: $0)?.filterNames.contains("accessLog") == false })
    }
}
