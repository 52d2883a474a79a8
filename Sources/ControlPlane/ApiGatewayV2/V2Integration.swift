/// An integration of an `apigatewayv2` API (`Integration`): where a route's requests go.
struct V2Integration: Codable, Sendable, Equatable {
    var integrationId: String
    var integrationType: String
    var apiGatewayManaged: Bool?
    var connectionId: String?
    var connectionType: String
    var contentHandlingStrategy: String?
    var credentialsArn: String?
    var description: String?
    var integrationMethod: String?
    var integrationResponseSelectionExpression: String?
    var integrationSubtype: String?
    var integrationUri: String?
    var passthroughBehavior: String?
    var payloadFormatVersion: String?
    var requestParameters: [String: String]?
    var requestTemplates: [String: String]?
    var responseParameters: [String: [String: String]]?
    var templateSelectionExpression: String?
    var timeoutInMillis: Int
    var tlsConfig: V2TlsConfig?

    static let types = ["AWS", "HTTP", "MOCK", "HTTP_PROXY", "AWS_PROXY"]
    /// The types an HTTP API accepts (the others are WebSocket-only).
    static let httpTypes = ["HTTP_PROXY", "AWS_PROXY"]
}

/// `tlsConfig` of a private integration: the server name to verify.
struct V2TlsConfig: Codable, Sendable, Equatable {
    var serverNameToVerify: String?
}
