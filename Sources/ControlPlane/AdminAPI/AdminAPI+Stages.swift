import Shared

/// Stages: CreateStage, GetStages (`?deploymentId`), GetStage, UpdateStage (`StagePatch`), DeleteStage.
/// Every change bumps the global revision (nodes serve stages); deployment changes append stage history,
/// so `replace /deploymentId` with an older id is a recorded rollback.
extension AdminAPI {
    /// Stages of a REST API, by `stage_name`.
    static let stages = restApis.child(label: "stage_name", notFound: "Invalid Stage identifier specified") { tx, content, name in
        try tx.stage(restApiId: content.api.id, name: name)
    }

    static let stageHandlers: [String: Handler] = [
        "CreateStage": { try $0.createStage(&$1, $2) },
        "GetStages": { api, call, tx in
            let apiId = call.label("restapi_id")
            _ = try api.requireApi(apiId, tx)
            var stages = try tx.stages(restApiId: apiId)
            if let deploymentId = call.queryValue("deploymentId") { stages = stages.filter { $0.deploymentId == deploymentId } }
            return try .json(ListPage(item: stages, position: nil))
        },
        "GetStage": stages.getHandler(),
        "UpdateStage": { try $0.updateStage(&$1, $2) },
        "FlushStageCache": { api, call, tx in
            // The stage must exist, as on AWS. Its cache generation goes to every node with the
            // next snapshot; stage-cache keys name it, so the old entries are never hit again.
            var stage = try stages.require(api, call, tx)
            stage.cacheGeneration = (stage.cacheGeneration ?? 0) + 1
            try tx.putStage(restApiId: call.label("restapi_id"), stage)
            return .empty
        },
        "DeleteStage": { api, call, tx in
            let apiId = call.label("restapi_id")
            let stage = try stages.require(api, call, tx)
            try tx.deleteStage(restApiId: apiId, name: stage.stageName)
            try tx.appendStageHistory(api.historyEntry(call, apiId: apiId, stage: stage.stageName, from: stage.deploymentId, to: nil))
            return .empty
        },
    ]

    static let cacheClusterSizes = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"]

    /// Body of CreateStage.
    struct CreateStageInput: Decodable {
        var stageName: String?
        var deploymentId: String?
        var description: String?
        var cacheClusterEnabled: Bool?
        var cacheClusterSize: String?
        var variables: [String: String]?
        var documentationVersion: String?
        var canarySettings: CanarySettings?
        var tracingEnabled: Bool?
        var tags: [String: String]?
    }

    func createStage(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let apiId = call.label("restapi_id")
        let content = try requireApi(apiId, tx)
        let input = try call.input(CreateStageInput.self)
        guard let stageName = input.stageName else { throw AdminError.missing("stageName", in: call.operation.name) }
        guard let deploymentId = input.deploymentId else { throw AdminError.missing("deploymentId", in: call.operation.name) }
        try Self.checkStageName(stageName)
        try Self.checkStageSettings(variables: input.variables, cacheClusterSize: input.cacheClusterSize, operation: call.operation.name)
        _ = try Self.deployments.require(deploymentId, in: content, self, tx)
        var canary = input.canarySettings
        if var settings = canary {
            try Self.checkStageSettings(variables: settings.stageVariableOverrides, cacheClusterSize: nil, operation: call.operation.name)
            settings.percentTraffic = try StagePatch.checkPercentTraffic(settings.percentTraffic ?? 0)
            if let id = settings.deploymentId {
                _ = try Self.deployments.require(id, in: content, self, tx)
            }
            settings.useStageCache = settings.useStageCache ?? false
            if settings.stageVariableOverrides?.isEmpty == true { settings.stageVariableOverrides = nil }
            canary = settings
        }
        guard try tx.stage(restApiId: apiId, name: stageName) == nil else { throw AdminError.conflict("Stage already exists") }
        var stage = Stage(deploymentId: deploymentId, stageName: stageName, description: input.description,
                          cacheClusterEnabled: input.cacheClusterEnabled ?? false, cacheClusterSize: input.cacheClusterSize,
                          variables: input.variables.flatMap { $0.isEmpty ? nil : $0 }, tracingEnabled: input.tracingEnabled ?? false,
                          tags: input.tags, createdDate: call.now, lastUpdatedDate: call.now)
        stage.documentationVersion = input.documentationVersion
        stage.settleCacheClusterStatus()
        stage.canarySettings = canary
        try checkStageCompiles(stage, apiId: apiId, tx)
        try tx.putStage(restApiId: apiId, stage)
        try tx.appendStageHistory(historyEntry(call, apiId: apiId, stage: stageName, from: nil, to: deploymentId))
        call.targets.append(stageName)
        return try .json(stage)
    }

    func updateStage(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let apiId = call.label("restapi_id")
        let original = try Self.stages.require(self, call, tx)
        var stage = original
        try call.applyPatches(to: &stage) { patch, stage in
            // `/clientCertificateId`: nodes present the certificate to the stage's HTTPS
            // integrations (docs/tls.md); an unknown id gets AWS's message.
            if patch.op == "replace", patch.path == "/clientCertificateId", let id = patch.value, !id.isEmpty {
                guard try tx.clientCertificate(id) != nil else {
                    throw AdminError.badRequest("Invalid client certificate identifier specified")
                }
                stage.clientCertificateId = id
                return
            }
            try StagePatch.apply(patch, to: &stage) { id in try tx.deployment(restApiId: apiId, id: id) != nil }
        }
        if stage.deploymentId != original.deploymentId || stage.methodSettings != original.methodSettings
            || stage.variables != original.variables || stage.cacheClusterEnabled != original.cacheClusterEnabled
            || stage.cacheClusterSize != original.cacheClusterSize
            || stage.canarySettings != original.canarySettings {
            stage.settleCacheClusterStatus()
            try checkStageCompiles(stage, apiId: apiId, tx)
        }
        stage.lastUpdatedDate = call.now
        try tx.putStage(restApiId: apiId, stage)
        if stage.deploymentId != original.deploymentId {
            try tx.appendStageHistory(historyEntry(call, apiId: apiId, stage: stage.stageName, from: original.deploymentId,
                                                   to: stage.deploymentId))
        }
        return try .json(stage)
    }

    /// Stage names: `a-zA-Z0-9_-`, at most 128 characters.
    static func checkStageName(_ name: String) throws(AdminError) {
        let valid = !name.isEmpty && name.utf16.count <= 128
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        guard valid else { throw .badRequest("Stage name only allows a-zA-Z0-9_-") }
    }

    /// Stage variables and cache size as CreateStage/CreateDeployment accept them.
    static func checkStageSettings(variables: [String: String]?, cacheClusterSize: String?, operation: String) throws(AdminError) {
        for (name, value) in (variables ?? [:]).sorted(by: { $0.key < $1.key }) {
            try StagePatch.checkVariable(name: name, value: value)
        }
        if let size = cacheClusterSize, !cacheClusterSizes.contains(size) {
            throw .notInEnum(size, "cacheClusterSize", in: operation, allowed: cacheClusterSizes)
        }
    }
}
