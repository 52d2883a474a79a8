import Shared

/// A stage of an `apigatewayv2` API (`Stage`): a named pointer to a deployment with its settings.
/// `$default` is served without a path prefix.
struct V2Stage: Codable, Sendable, Equatable {
    var stageName: String
    var apiGatewayManaged: Bool?
    var accessLogSettings: V2AccessLogSettings?
    var autoDeploy: Bool
    var clientCertificateId: String?
    var createdDate: String
    var defaultRouteSettings: V2RouteSettings
    var deploymentId: String?
    var description: String?
    var lastDeploymentStatusMessage: String?
    var lastUpdatedDate: String
    var routeSettings: [String: V2RouteSettings]
    /// Rendered `{}` when empty, as AWS does.
    var stageVariables: [String: String] = [:]
    /// Rendered `{}` when empty, as AWS does.
    var tags: [String: String] = [:]

    /// A new stage's default route settings: metrics off, and for WebSocket APIs logging off and no
    /// data trace (AWS's defaults).
    static func defaultRouteSettings(isHTTP: Bool) -> V2RouteSettings {
        isHTTP ? V2RouteSettings(detailedMetricsEnabled: false)
            : V2RouteSettings(dataTraceEnabled: false, detailedMetricsEnabled: false, loggingLevel: "OFF")
    }
}
