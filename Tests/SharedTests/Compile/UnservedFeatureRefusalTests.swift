import Testing
@testable import Shared

/// Customised gateway responses are not served by the data plane yet, so the compiler (admin API and
/// nodes alike) refuses a definition that uses them instead of ignoring them. (Request validation
/// is served: `RequestValidationCompilerTests`.)
@Suite struct UnservedFeatureRefusalTests {
    static func content(validator: String? = nil) -> DeploymentContent {
        var method = CompileFixtures.method("GET", Integration(type: "MOCK"))
        method.requestValidatorId = validator
        return CompileFixtures.content([("/pets", ["GET": method])])
    }

    @Test func validatorsAndModelsThatNoMethodUsesAreAccepted() {
        var content = Self.content()
        content.requestValidators = [RequestValidator(id: "rv0001", name: "all")]
        content.models = [Model(id: "m1", name: "Pet", schema: "{}", contentType: "application/json")]
        #expect(SnapshotCompiler.validationMessage(for: content) == nil)
    }

    @Test func customisedGatewayResponseIsRefused() {
        var content = Self.content()
        content.gatewayResponses = [GatewayResponse(responseType: "DEFAULT_4XX", statusCode: "418")]
        #expect(SnapshotCompiler.validationMessage(for: content)?.contains("does not serve customised gateway responses yet") == true)
        #expect(SnapshotCompiler.validationMessage(for: content)?.contains("DEFAULT_4XX") == true)
    }

    @Test func gatewayResponsePutBackToItsDefaultIsAccepted() {
        var content = Self.content()
        content.gatewayResponses = [GatewayResponse(responseType: "THROTTLED", statusCode: "429", responseParameters: [:],
                                                    responseTemplates: GatewayResponse.defaultTemplates)]
        #expect(SnapshotCompiler.validationMessage(for: content) == nil)
    }

    @Test func stageWithAnEnabledCacheIsRefusedAndWithoutOneCompiles() throws {
        var stage = CompileFixtures.stage("prod")
        stage.cacheClusterEnabled = true
        #expect(throws: CompileError.unsupportedFeature(feature: "a stage cache", detail: "cacheClusterEnabled is true on stage prod")) {
            try CompileFixtures.compileOne(Self.content(), stage: stage)
        }
        stage.cacheClusterEnabled = false
        _ = try CompileFixtures.compileOne(Self.content(), stage: stage)
    }
}
