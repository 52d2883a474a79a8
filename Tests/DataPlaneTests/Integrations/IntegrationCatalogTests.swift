import Testing
@testable import DataPlane
@testable import Shared

/// Each route's terminal step is chosen once, from its integration type.
@Suite struct IntegrationCatalogTests {
    typealias F = PipelineFixtures
    typealias P = RequestPipelineTests

    static func step(_ path: String, _ method: String = "GET", lambda: String? = nil) throws -> any IntegrationStep {
        let snapshot = try F.snapshot(P.content)
        let stage = try #require(snapshot.apis.values.first?.stages["prod"])
        let (route, _) = try #require(stage.route(method: method, path: path[...]))
        let configuration = PipelineConfiguration(lambdaEndpoint: lambda.flatMap(LambdaEndpoint.init(url:)))
        return IntegrationCatalog(configuration: configuration, invoker: RecordingInvoker(), renderer: MappingTemplateRenderer()).step(for: route)
    }

    @Test func everyIntegrationTypeGetsItsOwnStep() throws {
        #expect(try Self.step("/pets") is HTTPProxyIntegration)
        #expect(try Self.step("/mock") is MockIntegration)
        #expect(try Self.step("/broken") is MisconfiguredIntegration)
        #expect(try Self.step("/fn", "POST", lambda: "http://127.0.0.1:9001") is LambdaProxyIntegration)
        #expect(try Self.step("/fn", "POST") is MisconfiguredIntegration, "AWS_PROXY without --lambda-endpoint answers 500")
    }
}
