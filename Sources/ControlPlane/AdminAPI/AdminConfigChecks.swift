import Shared

/// What the admin API asks the shared compiler before it saves config, one compile per question,
/// so no admin call compiles the same deployment twice.
///
/// Each answer is nil (servable) or the 400 message. Production uses `compiler`; tests inject
/// their own closures (to refuse on purpose, or to count how often each question is asked).
struct AdminConfigChecks: Sendable {
    /// Why a deployment onto a stage was refused: its definition, or only the stage it lands on.
    enum Refusal: Equatable, Sendable {
        case definition(String)
        case stage(String)

        var message: String {
            switch self {
            case .definition(let message), .stage(let message): message
            }
        }
    }

    /// CreateDeployment without a stage: the definition it freezes.
    let deployment: @Sendable (DeploymentContent) -> String?
    /// CreateStage, UpdateStage (repointed, variables or method settings changed): the stage on its
    /// already frozen deployment.
    let stage: @Sendable (SnapshotStage) -> String?
    /// CreateDeployment with `stageName`: the definition it freezes and the stage it lands on,
    /// answered as `deployment` then `stage` would be (nil: servable).
    let deploymentOnStage: @Sendable (SnapshotStage) -> Refusal?

    init(deployment: @escaping @Sendable (DeploymentContent) -> String?, stage: @escaping @Sendable (SnapshotStage) -> String?,
         deploymentOnStage: @escaping @Sendable (SnapshotStage) -> Refusal?) {
        self.deployment = deployment
        self.stage = stage
        self.deploymentOnStage = deploymentOnStage
    }

    /// Checks given one by one: a deployment onto a stage asks the definition's check, then the stage's.
    init(deployment: @escaping @Sendable (DeploymentContent) -> String?, stage: @escaping @Sendable (SnapshotStage) -> String?) {
        self.init(deployment: deployment, stage: stage, deploymentOnStage: { entry in
            deployment(entry.deployment).map(Refusal.definition) ?? stage(entry).map(Refusal.stage)
        })
    }

    /// The shared compiler; a deployment onto a stage is one compile
    /// (`SnapshotCompiler.validationMessage(forDeploymentOn:)`). Its refusals are the definition's:
    /// a definition that passes `validate` compiles on every stage (a stage's variables can only
    /// make a target misconfigured, answered 500 per request, as on AWS).
    static let compiler = AdminConfigChecks(deployment: AdminAPI.compilerDeploymentCheck, stage: AdminAPI.compilerStageCheck,
                                            deploymentOnStage: { AdminAPI.compilerDeploymentOnStageCheck($0).map(Refusal.definition) })
}
