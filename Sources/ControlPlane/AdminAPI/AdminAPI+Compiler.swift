import Shared

/// The admin API's use of the shared compiler (`SnapshotCompiler`, the same code data-plane nodes
/// run): a definition or stage that could not be served is refused with a 400 and the compiler's
/// AWS-worded message, so a bad config never reaches a node and never blocks a snapshot there.
extension AdminAPI {
    /// Production check for CreateDeployment: the whole definition, stage-independent.
    package static let compilerDeploymentCheck: @Sendable (DeploymentContent) -> String? = { content in
        SnapshotCompiler.validationMessage(for: content)
    }

    /// Production check for a stage as it would be published (its deployment, variables and method
    /// settings), run when a stage is created, repointed or its settings change.
    package static let compilerStageCheck: @Sendable (SnapshotStage) -> String? = { entry in
        do throws(CompileError) {
            _ = try SnapshotCompiler.compileStage(entry)
            return nil
        } catch {
            return error.message
        }
    }

    /// Production check for CreateDeployment with `stageName`: the definition as
    /// `compilerDeploymentCheck` checks it and the stage as `compilerStageCheck` compiles it, in one
    /// compile of the deployment (same message as the two checks in turn).
    package static let compilerDeploymentOnStageCheck: @Sendable (SnapshotStage) -> String? = { entry in
        SnapshotCompiler.validationMessage(forDeploymentOn: entry)
    }

    /// Throws AWS's 400 when `stage` of `apiId`, pointing at `deploymentId`, would not compile.
    /// A missing deployment is left to the callers' own 404/400 checks.
    func checkStageCompiles(_ stage: Stage, apiId: String, _ tx: ConfigTransaction) throws {
        guard let content = try tx.deploymentContent(restApiId: apiId, id: stage.deploymentId) else { return }
        let canary = try stage.canaryDeploymentId.flatMap { try tx.deploymentContent(restApiId: apiId, id: $0) }
        if let message = checks.stage(SnapshotStage(restApiId: apiId, stage: stage, deployment: content, canaryDeployment: canary)) {
            throw AdminError.badRequest(message)
        }
    }
}
