import Shared

/// An `apigatewayv2` API (HTTP or WebSocket) as AWS renders it (`Api` in botocore's model, JSON
/// members lowerCamel). Stored inside its `V2ApiDocument`; `createdDate` is ISO-8601 as v2 sends it.
struct V2Api: Codable, Sendable, Equatable {
    var apiId: String
    var name: String
    var protocolType: String
    var routeSelectionExpression: String
    var apiKeySelectionExpression: String
    var apiEndpoint: String
    var createdDate: String
    var description: String?
    var version: String?
    var disableSchemaValidation: Bool?
    var disableExecuteApiEndpoint: Bool
    var ipAddressType: String
    var corsConfiguration: V2Cors?
    var tags: [String: String]?
    /// True for an API made by quick create (its integration, route and stage are managed).
    var apiGatewayManaged: Bool?

    /// `HTTP` (the only protocol whose admin surface is built out here) or `WEBSOCKET`.
    var isHTTP: Bool { protocolType == "HTTP" }

    static let protocolTypes = ["HTTP", "WEBSOCKET"]
    /// What AWS reports for an HTTP API (an HTTP API accepts no other).
    static let httpRouteSelectionExpression = "$request.method $request.path"
    static let defaultApiKeySelectionExpression = "$request.header.x-api-key"

    /// The default endpoint AWS gives an API: `https://` (HTTP) or `wss://` (WebSocket) +
    /// `{apiId}.execute-api.{region}.amazonaws.com`.
    static func endpoint(apiId: String, region: String, protocolType: String) -> String {
        "\(protocolType == "HTTP" ? "https" : "wss")://\(apiId).execute-api.\(region).amazonaws.com"
    }
}
