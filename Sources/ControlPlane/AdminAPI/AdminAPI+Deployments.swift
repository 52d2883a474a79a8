import Shared

/// Deployments: CreateDeployment freezes the API's live definition as an immutable version and, with
/// `stageName`, creates or repoints that stage (recording stage history). GetDeployments,
/// GetDeployment (`embed=apisummary`), UpdateDeployment (`/description`), DeleteDeployment (refused
/// while a stage or a stage's canary points at the deployment). With `canarySettings` the deployment
/// becomes the canary of the existing stage `stageName`, which keeps its own deployment. A PRIVATE
/// API deploys only with a resource policy, as on AWS (and then fails closed: docs/compatibility.md).
extension AdminAPI {
    /// Deployments of a REST API, by `deployment_id`.
    static let deployments = restApis.child(label: "deployment_id", notFound: "Invalid Deployment identifier specified") {
        tx, content, id in try tx.deployment(restApiId: content.api.id, id: id)
    }

    static let deploymentHandlers: [String: Handler] = [
        "CreateDeployment": { try $0.createDeployment(&$1, $2) },
        "GetDeployments": deployments.listHandler { content, _, tx in try tx.deployments(restApiId: content.api.id) },
        "GetDeployment": deployments.getHandler { deployment, call, tx in
            var deployment = deployment
            if call.query["embed"]?.contains("apisummary") == true,
               let content = try tx.deploymentContent(restApiId: call.label("restapi_id"), id: deployment.id) {
                deployment.apiSummary = apiSummary(content)
            }
            return deployment
        },
        "UpdateDeployment": deployments.updateHandler(apply: { patch, deployment, _ in
            guard patch.op == "replace", patch.path == "/description" else { throw patch.invalidPath(mustBeOneOf: ["/description"]) }
            deployment.description = patch.value.flatMap { $0.isEmpty ? nil : $0 }
        }, save: { deployment, content, _, tx in
            try tx.updateDeploymentDescription(restApiId: content.api.id, id: deployment.id, description: deployment.description)
        }),
        "DeleteDeployment": { api, call, tx in
            let deployment = try deployments.require(api, call, tx)
            let apiId = call.label("restapi_id")
            guard try tx.stageNames(restApiId: apiId, deploymentId: deployment.id).isEmpty,
                  try !tx.stages(restApiId: apiId).contains(where: { $0.canaryDeploymentId == deployment.id }) else {
                throw AdminError.badRequest("Active stages pointing to this deployment must be moved or deleted")
            }
            try tx.deleteDeployment(restApiId: apiId, id: deployment.id)
            return .empty
        },
    ]

    /// Body of CreateDeployment.
    struct CreateDeploymentInput: Decodable {
        var stageName: String?
        var stageDescription: String?
        var description: String?
        var cacheClusterEnabled: Bool?
        var cacheClusterSize: String?
        var variables: [String: String]?
        var canarySettings: CanaryInput?
        var tracingEnabled: Bool?
    }

    /// `canarySettings` of CreateDeployment (botocore `DeploymentCanarySettings`).
    struct CanaryInput: Decodable {
        var percentTraffic: Double?
        var stageVariableOverrides: [String: String]?
        var useStageCache: Bool?
    }

    func createDeployment(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let apiId = call.label("restapi_id")
        let content = try requireApi(apiId, tx)
        let input = try call.input(CreateDeploymentInput.self)
        guard content.hasMethods else { throw AdminError.badRequest("The REST API doesn't contain any methods") }
        // AWS refuses to deploy a private API without a resource policy. Tollgate has no VPC
        // endpoints, and an API with a policy refuses every request, so a private API never
        // becomes reachable on the public invoke URL.
        if content.api.endpointConfiguration?.types.contains("PRIVATE") == true, (content.api.policy ?? "").isEmpty {
            throw AdminError.badRequest("Private REST API doesn't have a resource policy attached to it")
        }
        for resource in content.resources {
            for method in (resource.resourceMethods ?? [:]).values where method.methodIntegration == nil {
                throw AdminError.badRequest("No integration defined for method")
            }
        }
        let stageName = input.stageName.flatMap { $0.isEmpty ? nil : $0 }
        if let canary = input.canarySettings {
            return try createCanaryDeployment(&call, tx, content: content, stageName: stageName, canary: canary, input)
        }
        if let stageName { try Self.checkStageName(stageName) }
        try Self.checkStageSettings(variables: input.variables, cacheClusterSize: input.cacheClusterSize, operation: call.operation.name)
        // Compiled once: on its own, or together with the stage it is deployed onto.
        if stageName == nil, let message = checks.deployment(content) { throw AdminError.badRequest(message) }

        let id = try Self.deployments.freshID(length: ResourceID.childLength, in: content, tx)
        var deployment = Deployment(id: id, description: input.description, createdDate: call.now)
        var staged: (stage: Stage, previous: Stage?)?
        if let stageName {
            let previous = try tx.stage(restApiId: apiId, name: stageName)
            let stage = Self.stage(stageName, deploying: id, over: previous, input, now: call.now)
            switch checks.deploymentOnStage(SnapshotStage(restApiId: apiId, stage: stage, deployment: content)) {
            case nil:
                break
            case .definition(let message):
                throw AdminError.badRequest(message)
            case .stage(let message):
                // As when the stage was checked after the deployment was stored: the audit row names it.
                call.targets.append(id)
                throw AdminError.badRequest(message)
            }
            staged = (stage, previous)
        }
        try tx.insertDeployment(restApiId: apiId, deployment, content: content)
        call.targets.append(id)

        if let (stage, previous) = staged {
            try tx.putStage(restApiId: apiId, stage)
            try tx.appendStageHistory(historyEntry(call, apiId: apiId, stage: stage.stageName, from: previous?.deploymentId, to: id))
            call.targets.append(stage.stageName)
        }
        deployment.apiSummary = Self.apiSummary(content)
        return try .json(deployment)
    }

    /// CreateDeployment with `canarySettings`: the new deployment becomes the canary of the existing
    /// stage `stageName` (which keeps serving its own deployment to the rest of the traffic).
    private func createCanaryDeployment(_ call: inout AdminCall, _ tx: ConfigTransaction, content: DeploymentContent,
                                        stageName: String?, canary: CanaryInput, _ input: CreateDeploymentInput) throws -> AdminReply {
        let apiId = content.api.id
        guard let stageName else {
            throw AdminError.badRequest("Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is \(input.stageName == nil ? "null" : "empty")")
        }
        guard var stage = try tx.stage(restApiId: apiId, name: stageName) else {
            throw AdminError.badRequest("Invalid deployment content specified.Stage \(stageName) must already be created before making a canary release deployment")
        }
        try Self.checkStageSettings(variables: input.variables, cacheClusterSize: input.cacheClusterSize, operation: call.operation.name)
        try Self.checkStageSettings(variables: canary.stageVariableOverrides, cacheClusterSize: nil, operation: call.operation.name)
        let percent = try StagePatch.checkPercentTraffic(canary.percentTraffic ?? 0)
        if let message = checks.deployment(content) { throw AdminError.badRequest(message) }

        let id = try Self.deployments.freshID(length: ResourceID.childLength, in: content, tx)
        var deployment = Deployment(id: id, description: input.description, createdDate: call.now)
        try tx.insertDeployment(restApiId: apiId, deployment, content: content)
        call.targets.append(id)
        stage = Self.stage(stageName, deploying: stage.deploymentId, over: stage, input, now: call.now)
        stage.canarySettings = CanarySettings(percentTraffic: percent, deploymentId: id,
                                              stageVariableOverrides: canary.stageVariableOverrides.flatMap { $0.isEmpty ? nil : $0 },
                                              useStageCache: canary.useStageCache ?? false)
        try checkStageCompiles(stage, apiId: apiId, tx)
        try tx.putStage(restApiId: apiId, stage)
        call.targets.append(stageName)
        deployment.apiSummary = Self.apiSummary(content)
        return try .json(deployment)
    }

    /// The stage CreateDeployment leaves behind: `previous` repointed at `deploymentId` (or a new
    /// one), with the body's description, variables (merged), cache and tracing settings.
    static func stage(_ name: String, deploying deploymentId: String, over previous: Stage?, _ input: CreateDeploymentInput,
                      now: Int64) -> Stage {
        var stage: Stage
        if let previous {
            stage = previous
            stage.deploymentId = deploymentId
            stage.lastUpdatedDate = now
            if let description = input.stageDescription { stage.description = description }
        } else {
            stage = Stage(deploymentId: deploymentId, stageName: name, description: input.stageDescription,
                          createdDate: now, lastUpdatedDate: now)
        }
        if let variables = input.variables, !variables.isEmpty {
            stage.variables = (stage.variables ?? [:]).merging(variables) { $1 }
        }
        if let enabled = input.cacheClusterEnabled { stage.cacheClusterEnabled = enabled }
        if let size = input.cacheClusterSize { stage.cacheClusterSize = size }
        stage.settleCacheClusterStatus()
        if let tracing = input.tracingEnabled { stage.tracingEnabled = tracing }
        return stage
    }

    /// `resourcePath` → `METHOD` → `{authorizationType, apiKeyRequired}` of a definition.
    static func apiSummary(_ content: DeploymentContent) -> [String: [String: MethodSnapshot]] {
        var summary: [String: [String: MethodSnapshot]] = [:]
        for resource in content.resources {
            guard let methods = resource.resourceMethods, !methods.isEmpty else { continue }
            summary[resource.path] = methods.mapValues {
                MethodSnapshot(authorizationType: $0.authorizationType, apiKeyRequired: $0.apiKeyRequired)
            }
        }
        return summary
    }

    /// A stage-history row for a change made by `call`.
    func historyEntry(_ call: AdminCall, apiId: String, stage: String, from: String?, to: String?) -> StageHistoryEntry {
        StageHistoryEntry(restApiId: apiId, stageName: stage, at: call.now, accessKeyId: call.accessKeyId,
                          requestId: call.requestId, fromDeploymentId: from, toDeploymentId: to)
    }
}
