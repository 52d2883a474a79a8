import Shared

/// UpdateStage's canary paths (reference §1.4): `replace /canarySettings/percentTraffic|deploymentId|useStageCache`,
/// `replace|remove /canarySettings/stageVariableOverrides/{name}`, `remove /canarySettings`, and promotion by
/// `copy` from `/canarySettings/deploymentId` to `/deploymentId` and from `/canarySettings/stageVariableOverrides`
/// to `/variables`. Every path but `remove /canarySettings` needs a canary on the stage.
extension StagePatch {
    static let noCanaryMessage = "Promotion not available. Canary does not exist."

    static func applyCanary(_ patch: PatchOperation, _ segments: [String], to stage: inout Stage,
                            deploymentExists: (String) throws -> Bool) throws {
        if patch.op == "copy" { return try promote(patch, to: &stage) }
        if segments.count == 1 {
            guard patch.op == "remove" else { throw AdminError.badRequest("Invalid \(patch.op) operation with path: \(patch.path)") }
            guard stage.canarySettings != nil else { throw AdminError.badRequest(noCanaryMessage) }
            stage.canarySettings = nil
            return
        }
        guard var canary = stage.canarySettings else { throw AdminError.badRequest(noCanaryMessage) }
        switch (patch.op, segments.count, segments[1]) {
        case ("replace", 2, "percentTraffic"):
            canary.percentTraffic = try checkPercentTraffic(patch.doubleValue())
        case ("replace", 2, "deploymentId"):
            let id = try patch.requiredValue()
            guard try deploymentExists(id) else { throw AdminError.badRequest("Deployment id does not exist") }
            canary.deploymentId = id
        case ("replace", 2, "useStageCache"):
            canary.useStageCache = try patch.boolValue()
        case ("replace", 3, "stageVariableOverrides"):
            let value = try patch.requiredValue()
            try checkVariable(name: segments[2], value: value)
            canary.stageVariableOverrides = (canary.stageVariableOverrides ?? [:]).merging([segments[2]: value]) { $1 }
        case ("remove", 3, "stageVariableOverrides"):
            canary.stageVariableOverrides?[segments[2]] = nil
        default:
            throw AdminError.badRequest("Invalid \(patch.op) operation with path: \(patch.path)")
        }
        stage.canarySettings = canary
    }

    /// `percentTraffic` is a percentage: 0.0 to 100.0.
    static func checkPercentTraffic(_ value: Double) throws(AdminError) -> Double {
        guard value.isFinite, (0...100).contains(value) else {
            throw .badRequest("Canary traffic percentage must be between 0.0 and 100.0: \(value)")
        }
        return value
    }

    /// Promotion: the stage takes the canary's deployment, or its variables take the overrides
    /// (merged over them). The canary stays until `remove /canarySettings`, as on AWS.
    private static func promote(_ patch: PatchOperation, to stage: inout Stage) throws {
        let from = patch.from ?? ""
        switch (patch.path, from) {
        case ("/deploymentId", "/canarySettings/deploymentId"):
            guard let canary = stage.canarySettings else { throw AdminError.badRequest(noCanaryMessage) }
            if let id = canary.deploymentId { stage.deploymentId = id }
        case ("/variables", "/canarySettings/stageVariableOverrides"):
            guard let canary = stage.canarySettings else { throw AdminError.badRequest(noCanaryMessage) }
            let merged = (stage.variables ?? [:]).merging(canary.stageVariableOverrides ?? [:]) { $1 }
            stage.variables = merged.isEmpty ? nil : merged
        default:
            throw AdminError.badRequest("Invalid copy operation with path: \(patch.path) and from \(from). Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]")
        }
    }
}
