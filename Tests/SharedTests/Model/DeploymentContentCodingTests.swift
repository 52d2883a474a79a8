import Foundation
import Testing
@testable import Shared

/// The definition's optional parts (authorizers, models, request validators, gateway responses):
/// older documents decode, documents without them encode as before, and they round-trip.
@Suite struct DeploymentContentCodingTests {
    static let api = RestApi(id: "abcdefghij", name: "pets", createdDate: 1_700_000_000, rootResourceId: "root000001")
    static let root = Resource(id: "root000001", path: "/")

    @Test func contentWrittenBeforeTheOptionalPartsStillDecodes() throws {
        let old = Array(SnapshotCodec.canonicalJSON(DeploymentContent(api: Self.api, resources: [Self.root])))
        let text = String(decoding: old, as: UTF8.self)
        for member in ["authorizers", "models", "requestValidators", "gatewayResponses"] { #expect(!text.contains(member)) }
        let decoded = try JSONDecoder().decode(DeploymentContent.self, from: Data(old))
        #expect(decoded.authorizers == nil && decoded.models == nil && decoded.requestValidators == nil && decoded.gatewayResponses == nil)
        #expect(decoded == DeploymentContent(api: Self.api, resources: [Self.root]))
    }

    @Test func optionalPartsSurviveASnapshotRoundTrip() throws {
        var content = DeploymentContent(api: Self.api, resources: [Self.root])
        content.authorizers = [Authorizer(id: "au0001", name: "a", type: "TOKEN", authorizerUri: "arn:x",
                                          identitySource: "method.request.header.Authorization", authorizerResultTtlInSeconds: 300)]
        content.models = [Model(id: "mo0001", name: "Pet", schema: #"{"type":"object"}"#, contentType: "application/json")]
        content.requestValidators = [RequestValidator(id: "rv0001", name: "v", validateRequestBody: true)]
        content.gatewayResponses = [GatewayResponse(responseType: "DEFAULT_4XX", statusCode: "418")]
        let stage = Stage(deploymentId: "dep123", stageName: "prod", createdDate: 0, lastUpdatedDate: 0)
        let snapshot = Snapshot(revision: 1, stages: [SnapshotStage(restApiId: Self.api.id, stage: stage, deployment: content)],
                                apiKeys: [], usagePlans: [], account: Account(), nodes: [])
        let decoded = try SnapshotCodec.decode(SnapshotCodec.encode(snapshot))
        #expect(decoded.stages.first?.deployment == content)
    }

    @Test func defaultGatewayResponsesHaveAWSsStatusCodesAndTemplate() {
        #expect(GatewayResponse.defaultStatusCodes.count == 21)
        #expect(GatewayResponse.defaultResponse(for: "UNAUTHORIZED")?.statusCode == "401")
        #expect(GatewayResponse.defaultResponse(for: "DEFAULT_4XX")?.statusCode == nil)
        #expect(GatewayResponse.defaultResponse(for: "THROTTLED")?.responseTemplates == ["application/json": #"{"message":$context.error.messageString}"#])
        #expect(GatewayResponse.defaultResponse(for: "NOPE") == nil)
        #expect(GatewayResponse.defaultResponse(for: "ACCESS_DENIED")?.isDefault == true)
        #expect(GatewayResponse(responseType: "ACCESS_DENIED", statusCode: "403", responseParameters: [:],
                                responseTemplates: GatewayResponse.defaultTemplates).isDefault)
        #expect(!GatewayResponse(responseType: "ACCESS_DENIED", statusCode: "401", responseTemplates: GatewayResponse.defaultTemplates).isDefault)
        #expect(!GatewayResponse(responseType: "ACCESS_DENIED", statusCode: "403").isDefault)  // no body template
    }
}
