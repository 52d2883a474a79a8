import Testing
@testable import Shared

/// What the data plane does not serve yet (an encrypted stage cache) is refused by the compiler (admin API
/// and nodes alike) instead of being ignored. Request validation is served
/// (`RequestValidationCompilerTests`); customised gateway responses are served, except
/// REQUEST_TOO_LARGE, which AWS does not allow customising.
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

    @Test func customisedGatewayResponsesAreAcceptedButNotRequestTooLarge() {
        var content = Self.content()
        content.gatewayResponses = [GatewayResponse(responseType: "DEFAULT_4XX", statusCode: "418",
                                                    responseParameters: ["gatewayresponse.header.X-A": "'b'"])]
        #expect(SnapshotCompiler.validationMessage(for: content) == nil)
        content.gatewayResponses = [GatewayResponse(responseType: "REQUEST_TOO_LARGE", statusCode: "400")]
        #expect(SnapshotCompiler.validationMessage(for: content)?.contains("REQUEST_TOO_LARGE") == true)
    }

    @Test func gatewayResponsePutBackToItsDefaultIsAccepted() {
        var content = Self.content()
        content.gatewayResponses = [GatewayResponse(responseType: "THROTTLED", statusCode: "429", responseParameters: [:],
                                                    responseTemplates: GatewayResponse.defaultTemplates)]
        #expect(SnapshotCompiler.validationMessage(for: content) == nil)
    }

    @Test func anEnabledStageCacheCompilesWithItsBoundAndAnEncryptedOneIsRefused() throws {
        var stage = CompileFixtures.stage("prod")
        stage.cacheClusterEnabled = true
        stage.cacheClusterSize = "1.6"
        stage.cacheGeneration = 3
        var setting = MethodSetting()
        setting.cachingEnabled = true
        stage.methodSettings = ["*/*": setting]
        let compiled = try CompileFixtures.compileOne(Self.content(), stage: stage)
        #expect(compiled.cache == CompiledStageCache(capacityBytes: 107_374_182, generation: 3))
        #expect(compiled.routes.count == 1 && compiled.routes[0].cache?.ttlSeconds == 300 && compiled.routes[0].cache?.methods == ["GET"])
        setting.cacheDataEncrypted = true
        stage.methodSettings = ["*/*": setting]
        #expect(throws: CompileError.self) { try CompileFixtures.compileOne(Self.content(), stage: stage) }
        stage.cacheClusterEnabled = false
        #expect(try CompileFixtures.compileOne(Self.content(), stage: stage).cache == nil, "no cluster: the setting is inert, as on AWS")
    }
}
