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

/// An HTTP API's CORS configuration (`Cors`): what the data plane will answer preflights with.
struct V2Cors: Codable, Sendable, Equatable {
    var allowCredentials: Bool?
    var allowHeaders: [String]?
    var allowMethods: [String]?
    var allowOrigins: [String]?
    var exposeHeaders: [String]?
    var maxAge: Int?

    /// The configuration when AWS would accept it, else its 400 (maxAge −1…86400; credentials
    /// cannot be allowed for every origin).
    func checked() throws(AdminError) -> V2Cors {
        if let maxAge, !(-1...86_400).contains(maxAge) {
            throw .badRequest("Invalid maxAge: \(maxAge). maxAge must be between -1 and 86400")
        }
        if allowCredentials == true, allowOrigins?.contains("*") == true {
            throw .badRequest("allowCredentials cannot be true when allowOrigins contains *")
        }
        for method in allowMethods ?? [] where !V2RouteKey.methods.contains(method.uppercased()) && method != "*" {
            throw .badRequest("Invalid allowMethods value: \(method)")
        }
        return self
    }
}
