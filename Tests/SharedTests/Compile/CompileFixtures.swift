@testable import Shared

/// Builders for deployment definitions used by the compile and pipeline tests.
enum CompileFixtures {
    static func method(_ verb: String, _ integration: Integration?, apiKeyRequired: Bool = false,
                       responses: [String] = ["200"]) -> Method {
        DeploymentFixture.method(verb, integration, apiKeyRequired: apiKeyRequired, responses: responses)
    }

    static func proxy(_ uri: String, verb: String = "ANY", parameters: [String: String]? = nil) -> Integration {
        Integration(type: "HTTP_PROXY", httpMethod: verb, uri: uri, requestParameters: parameters)
    }

    /// Resources given as `(path, methods)`; parents are created as needed, ids are `r0`, `r1`, …
    static func content(_ resources: [(String, [String: Method])], apiId: String = "abc123defg",
                        binaryMediaTypes: [String]? = nil) -> DeploymentContent {
        DeploymentFixture.content(resources, apiId: apiId, rootId: "root", idPrefix: "r", binaryMediaTypes: binaryMediaTypes)
    }

    static func stage(_ name: String, deploymentId: String = "dep001", variables: [String: String]? = nil,
                      methodSettings: [String: MethodSetting] = [:]) -> Stage {
        Stage(deploymentId: deploymentId, stageName: name, methodSettings: methodSettings, variables: variables,
              createdDate: 0, lastUpdatedDate: 0)
    }

    static func snapshot(_ stages: [SnapshotStage], apiKeys: [SnapshotApiKey] = [], usagePlans: [SnapshotUsagePlan] = []) -> Snapshot {
        Snapshot(revision: 1, stages: stages, apiKeys: apiKeys, usagePlans: usagePlans, account: Account(), nodes: [])
    }

    static func compileOne(_ content: DeploymentContent, stage: Stage = stage("prod")) throws -> CompiledStage {
        try SnapshotCompiler.compileStage(SnapshotStage(restApiId: content.api.id, stage: stage, deployment: content))
    }
}
