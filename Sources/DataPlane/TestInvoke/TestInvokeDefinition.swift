import Shared

/// The definitions a test runs, derived from an API's current definition (pure).
///
/// TestInvokeMethod skips what AWS's test invoke skips: authorization (every method's
/// authorizer, IAM and scopes) and API keys, and Tollgate also drops the resource policy (AWS's
/// test is an authenticated admin call, not a caller the policy is about). TestInvokeAuthorizer runs
/// the authorizer on a stand-in method (`ANY /` and `ANY /{proxy+}`, MOCK 200), so the request takes
/// the same authorizer filter a real method would, with its result cache off.
enum TestInvokeDefinition {
    /// The stage name the test runs on (`$context.stage`), as AWS's test invoke names it.
    static let stageName = "test-invoke-stage"
    /// `$context.deploymentId` of a test run.
    static let deploymentId = "test-invoke-deployment-id"
    /// The stand-in proxy resource of an authorizer test.
    static let proxyResourceId = "testinvokeproxy"

    /// `content` with authorization, API keys and the resource policy off on every method.
    static func method(_ content: DeploymentContent) -> DeploymentContent {
        var content = open(content)
        for index in content.resources.indices {
            guard var methods = content.resources[index].resourceMethods else { continue }
            for (verb, var method) in methods {
                method.authorizationType = "NONE"
                method.authorizerId = nil
                method.authorizationScopes = nil
                method.apiKeyRequired = false
                methods[verb] = method
            }
            content.resources[index].resourceMethods = methods
        }
        return content
    }

    /// A definition whose only methods are `ANY /` and `ANY /{proxy+}`, protected by `authorizer`
    /// (its TTL set to 0: no result cache for tests) and answering MOCK 200.
    static func authorizer(_ content: DeploymentContent, authorizer: Authorizer) -> DeploymentContent {
        var content = open(content)
        var tested = authorizer
        tested.authorizerResultTtlInSeconds = 0
        content.authorizers = (content.authorizers ?? []).map { $0.id == authorizer.id ? tested : $0 }
        let type = authorizer.type == "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "CUSTOM"
        let integration = Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                                      integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        let method = Method(httpMethod: "ANY", authorizationType: type, authorizerId: authorizer.id,
                            methodResponses: ["200": MethodResponse(statusCode: "200")], methodIntegration: integration)
        let root = content.api.rootResourceId
        content.resources = [
            Resource(id: root, path: "/", resourceMethods: ["ANY": method]),
            Resource(id: proxyResourceId, parentId: root, pathPart: "{proxy+}", path: "/{proxy+}", resourceMethods: ["ANY": method]),
        ]
        return content
    }

    /// No resource policy, execute-api endpoint on, not PRIVATE (a PRIVATE API without a policy is refused).
    private static func open(_ content: DeploymentContent) -> DeploymentContent {
        var content = content
        content.api.policy = nil
        content.api.disableExecuteApiEndpoint = false
        if content.api.endpointConfiguration?.types.contains("PRIVATE") == true {
            content.api.endpointConfiguration?.types = ["REGIONAL"]
            content.api.endpointConfiguration?.vpcEndpointIds = nil
        }
        return content
    }

    /// The one stage a test runs on: no deployment, the request's variables, no settings.
    static func stage(_ definition: DeploymentContent, restApiId: String, variables: [String: String]) -> SnapshotStage {
        let stage = Stage(deploymentId: deploymentId, stageName: stageName, variables: variables.isEmpty ? nil : variables,
                          createdDate: 0, lastUpdatedDate: 0)
        return SnapshotStage(restApiId: restApiId, stage: stage, deployment: definition)
    }
}
