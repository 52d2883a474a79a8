import Testing
@testable import DataPlane
import Shared

/// The definitions a test run compiles (pure): what TestInvokeMethod skips, and the stand-in
/// method TestInvokeAuthorizer runs its authorizer on.
@Suite struct TestInvokeDefinitionTests {
    static let mock = Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#])

    static func guardedContent() -> DeploymentContent {
        var guarded = DeploymentFixture.method("GET", mock, apiKeyRequired: true)
        guarded.authorizationType = "CUSTOM"
        guarded.authorizerId = "auth1"
        guarded.authorizationScopes = ["a/b"]
        var content = DeploymentFixture.content([("/pets", ["GET": guarded])], apiId: "api1", rootId: "root", idPrefix: "r")
        content.api.policy = #"{"Version":"2012-10-17","Statement":[]}"#
        content.api.endpointConfiguration = EndpointConfiguration(types: ["PRIVATE"], vpcEndpointIds: ["vpce-1"])
        content.api.disableExecuteApiEndpoint = true
        content.authorizers = [Authorizer(id: "auth1", name: "t", type: "TOKEN", authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations",
                                          identitySource: "method.request.header.Authorization", authorizerResultTtlInSeconds: 300)]
        return content
    }

    @Test func methodTestsSkipAuthorizationApiKeysAndTheResourcePolicy() throws {
        let tested = TestInvokeDefinition.method(Self.guardedContent())
        let method = try #require(tested.resources.first { $0.path == "/pets" }?.resourceMethods?["GET"])
        #expect(method.authorizationType == "NONE" && method.authorizerId == nil && method.authorizationScopes == nil)
        #expect(method.apiKeyRequired == false)
        #expect(tested.api.policy == nil && tested.api.disableExecuteApiEndpoint == false)
        #expect(tested.api.endpointConfiguration?.types == ["REGIONAL"])
        #expect(method.methodIntegration == Self.mock, "everything else is the definition as it is")
    }

    @Test func authorizerTestsRunTheAuthorizerOnAStandInMethodWithoutCache() throws {
        let content = Self.guardedContent()
        let tested = TestInvokeDefinition.authorizer(content, authorizer: content.authorizers![0])
        #expect(tested.resources.map(\.path) == ["/", "/{proxy+}"])
        for resource in tested.resources {
            let method = try #require(resource.resourceMethods?["ANY"])
            #expect(method.authorizationType == "CUSTOM" && method.authorizerId == "auth1")
            #expect(method.methodIntegration?.type == "MOCK")
        }
        #expect(tested.authorizers?.first?.authorizerResultTtlInSeconds == 0)
        // The stand-in compiles as a deployment would.
        let entry = TestInvokeDefinition.stage(tested, restApiId: "api1", variables: ["v": "1"])
        let stage = try SnapshotCompiler.compileStage(entry)
        #expect(stage.stageName == "test-invoke-stage")
        #expect(stage.route(method: "GET", path: "/anything/below")?.route.authorizer?.ttlSeconds == 0)
    }

    @Test func aCognitoAuthorizerGetsACognitoStandIn() throws {
        var content = Self.guardedContent()
        content.authorizers = [Authorizer(id: "pool", name: "p", type: "COGNITO_USER_POOLS", providerARNs: ["arn:aws:cognito-idp:us-east-1:1:userpool/x"],
                                          identitySource: "method.request.header.Authorization")]
        let tested = TestInvokeDefinition.authorizer(content, authorizer: content.authorizers![0])
        #expect(tested.resources.allSatisfy { $0.resourceMethods?["ANY"]?.authorizationType == "COGNITO_USER_POOLS" })
    }

    @Test func theTestRequestMergesHeadersAndAddressesTheTestStage() {
        let test = TestInvokeRequest(restApiId: "api1", definition: Self.guardedContent(), target: .method(resourceId: "r1", httpMethod: "POST"),
                                     body: "hi", headers: ["A": "1"], multiValueHeaders: ["A": ["1", "2"], "B": ["x"]], region: "eu-west-1")
        let request = DefinitionTestRunner.request(test, verb: "POST", path: "/pets?x=1")
        #expect(request.head.target == "/test-invoke-stage/pets?x=1")
        #expect(request.headers["Host"] == "api1.execute-api.eu-west-1.amazonaws.com")
        #expect(request.headers.values("A") == ["1", "2"])
        #expect(request.headers["B"] == "x")
        #expect(request.headers["Content-Length"] == "2" && request.body == Array("hi".utf8))
    }

    @Test func aLambdaAnswerBecomesThePrincipalPolicyAndContext() throws {
        let body = #"{"principalId":"u1","policyDocument":{"Version":"2012-10-17","Statement":[]},"context":{"tier":"gold","n":7,"ok":true}}"#
        let outcome = try #require(DefinitionTestRunner.lambdaOutcome(UpstreamResponse(status: 200, body: Array(body.utf8))))
        #expect(outcome.principalId == "u1")
        #expect(outcome.policy?.contains(#""Version":"2012-10-17""#) == true)
        #expect(outcome.context == ["tier": "gold", "n": "7", "ok": "true"])
        let failed = UpstreamResponse(status: 200, headers: ["X-Amz-Function-Error": "Unhandled"], body: Array(#"{"errorMessage":"Unauthorized"}"#.utf8))
        #expect(DefinitionTestRunner.lambdaOutcome(failed) == nil)
        #expect(DefinitionTestRunner.lambdaOutcome(nil) == nil)
    }
}
