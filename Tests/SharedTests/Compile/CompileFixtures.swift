@testable import Shared

/// Builders for deployment definitions used by the compile and pipeline tests.
enum CompileFixtures {
    static func method(_ verb: String, _ integration: Integration?, apiKeyRequired: Bool = false,
                       responses: [String] = ["200"]) -> Method {
        Method(httpMethod: verb, apiKeyRequired: apiKeyRequired,
               methodResponses: Dictionary(uniqueKeysWithValues: responses.map { ($0, MethodResponse(statusCode: $0)) }),
               methodIntegration: integration)
    }

    static func proxy(_ uri: String, verb: String = "ANY", parameters: [String: String]? = nil) -> Integration {
        Integration(type: "HTTP_PROXY", httpMethod: verb, uri: uri, requestParameters: parameters)
    }

    /// Resources given as `(path, methods)`; parents are created as needed, ids are `r0`, `r1`, …
    static func content(_ resources: [(String, [String: Method])], apiId: String = "abc123defg",
                        binaryMediaTypes: [String]? = nil) -> DeploymentContent {
        var byPath: [String: Resource] = ["/": Resource(id: "root", path: "/")]
        var order = ["/"]
        func ensure(_ path: String) -> String {
            if let existing = byPath[path] { return existing.id }
            let parts = path.split(separator: "/")
            let parentPath = parts.count == 1 ? "/" : "/" + parts.dropLast().joined(separator: "/")
            let parentId = ensure(parentPath)
            let resource = Resource(id: "r\(byPath.count)", parentId: parentId, pathPart: String(parts.last!), path: path)
            byPath[path] = resource
            order.append(path)
            return resource.id
        }
        for (path, _) in resources { _ = ensure(path) }
        for (path, methods) in resources { byPath[path]!.resourceMethods = methods }
        let api = RestApi(id: apiId, name: "fixture", createdDate: 0, binaryMediaTypes: binaryMediaTypes, rootResourceId: "root")
        return DeploymentContent(api: api, resources: order.map { byPath[$0]! })
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
