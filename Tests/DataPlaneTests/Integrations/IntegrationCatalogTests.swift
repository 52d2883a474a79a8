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

    @Test func awsServiceIntegrationsGetTheServiceStepAtTheConfiguredEndpoint() throws {
        let integration = Integration(type: "AWS", httpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:sqs:path/123456789012/q")
        let snapshot = try F.snapshot(F.content([("/q", ["POST": F.method("POST", integration)])]))
        let stage = try #require(snapshot.apis.values.first?.stages["prod"])
        let (route, _) = try #require(stage.route(method: "POST", path: "/q"[...]))
        var configuration = PipelineConfiguration()
        configuration.awsEndpoint = LambdaEndpoint(url: "http://127.0.0.1:5000")
        let step = IntegrationCatalog(configuration: configuration, invoker: RecordingInvoker(), renderer: MappingTemplateRenderer()).step(for: route)
        let service = try #require(step as? AWSServiceIntegration)
        #expect(service.endpoint.host == "127.0.0.1" && service.endpoint.port == 5000 && !service.endpoint.isTLS)
        let direct = IntegrationCatalog(configuration: PipelineConfiguration(), invoker: RecordingInvoker(), renderer: MappingTemplateRenderer())
            .step(for: route) as? AWSServiceIntegration
        #expect(direct?.endpoint.host == "sqs.us-east-1.amazonaws.com" && direct?.endpoint.isTLS == true)
    }
}
