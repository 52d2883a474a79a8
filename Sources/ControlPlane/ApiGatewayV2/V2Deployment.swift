import Shared

/// A deployment of an `apigatewayv2` API: a frozen copy of its routes, integrations and
/// authorizers that stages point to. `content` is stored, never rendered (`rendered`).
struct V2Deployment: Codable, Sendable {
    var deploymentId: String
    var autoDeployed: Bool
    var createdDate: String
    var deploymentStatus: String
    var description: String?
    var content: V2DeployedContent

    /// The deployment as AWS renders it (`Deployment`).
    struct Rendered: Encodable {
        var deploymentId: String
        var autoDeployed: Bool
        var createdDate: String
        var deploymentStatus: String
        var description: String?
    }

    var rendered: Rendered {
        Rendered(deploymentId: deploymentId, autoDeployed: autoDeployed, createdDate: createdDate,
                 deploymentStatus: deploymentStatus, description: description)
    }
}
