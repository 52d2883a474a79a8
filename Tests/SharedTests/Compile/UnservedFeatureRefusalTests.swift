import Testing
@testable import Shared

/// Request validation is not served by the data plane yet, so the compiler (admin API and nodes
/// alike) refuses a definition that uses it instead of ignoring it. Customised gateway responses are
/// served, except REQUEST_TOO_LARGE, which AWS does not allow customising.
@Suite struct UnservedFeatureRefusalTests {
    static func content(validator: String? = nil) -> DeploymentContent {
        var method = CompileFixtures.method("GET", Integration(type: "MOCK"))
        method.requestValidatorId = validator
        return CompileFixtures.content([("/pets", ["GET": method])])
    }

    @Test func methodWithARequestValidatorIsRefused() {
        var content = Self.content(validator: "rv0001")
        content.requestValidators = [RequestValidator(id: "rv0001", name: "all", validateRequestBody: true)]
        let message = SnapshotCompiler.validationMessage(for: content)
        #expect(message?.contains("does not serve request validation yet") == true)
        #expect(message?.contains("GET /pets") == true)
        #expect(throws: CompileError.self) { try CompileFixtures.compileOne(content) }
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
}
