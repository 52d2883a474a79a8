/// What a deployment is compiled against: a real stage (name, variables, method settings) or, for
/// `SnapshotCompiler.validate`, no stage at all.
struct StageContext {
    /// Nil when only validating a deployment's content.
    let stageName: String?
    let variables: [String: String]
    let methodSettings: [String: MethodSetting]
    /// `cacheClusterEnabled`: methods with `caching/enabled` get a `CompiledRouteCache`.
    var cacheClusterEnabled = false
    /// On a real stage: also check the definition as `validationOnly` does, in the same pass
    /// (CreateDeployment onto a stage compiles the deployment once, not once per check).
    var checksDefinition = false
    /// The account's VPC links by id (`targetArns`), for integrations with `connectionType: VPC_LINK`.
    var vpcLinks: [String: [String]] = [:]

    static let validationOnly = StageContext(stageName: nil, variables: [:], methodSettings: [:])

    init(stageName: String?, variables: [String: String], methodSettings: [String: MethodSetting]) {
        self.stageName = stageName
        self.variables = variables
        self.methodSettings = methodSettings
    }

    /// A deployed stage's name, variables and method settings.
    init(_ stage: Stage) {
        self.init(stageName: stage.stageName, variables: stage.variables ?? [:], methodSettings: stage.methodSettings)
        cacheClusterEnabled = stage.cacheClusterEnabled
    }

    var isValidationOnly: Bool { stageName == nil }

    /// Whether the definition's stage-independent checks apply (validating, or `checksDefinition`).
    var validatesDefinition: Bool { isValidationOnly || checksDefinition }

    /// The method setting for `httpMethod` on `resourcePath`: its own entry (`pets/GET`; the root
    /// is `/GET` or `~1/GET`), else every method of the resource (`pets/*`), else the stage default `*/*`.
    func methodSetting(resourcePath: String, httpMethod: String) -> (key: String, setting: MethodSetting)? {
        let trimmed = resourcePath.hasPrefix("/") ? String(resourcePath.dropFirst()) : resourcePath
        var candidates = ["\(trimmed)/\(httpMethod)"]
        if trimmed.isEmpty { candidates.append("~1/\(httpMethod)") }
        candidates.append("\(trimmed)/*")
        candidates.append("*/*")
        for key in candidates {
            if let setting = methodSettings[key] { return (key, setting) }
        }
        return nil
    }
}
