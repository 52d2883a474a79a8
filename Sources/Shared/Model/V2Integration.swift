/// An integration of an `apigatewayv2` API (`Integration`): where a route's requests go. Stored by
/// the control plane, frozen into deployments, compiled by the data plane for HTTP APIs.
package struct V2Integration: Codable, Sendable, Equatable {
    package var integrationId: String
    package var integrationType: String
    package var apiGatewayManaged: Bool?
    package var connectionId: String?
    package var connectionType: String
    package var contentHandlingStrategy: String?
    package var credentialsArn: String?
    package var description: String?
    package var integrationMethod: String?
    package var integrationResponseSelectionExpression: String?
    package var integrationSubtype: String?
    package var integrationUri: String?
    package var passthroughBehavior: String?
    package var payloadFormatVersion: String?
    package var requestParameters: [String: String]?
    package var requestTemplates: [String: String]?
    package var responseParameters: [String: [String: String]]?
    package var templateSelectionExpression: String?
    package var timeoutInMillis: Int
    package var tlsConfig: V2TlsConfig?

    package static let types = ["AWS", "HTTP", "MOCK", "HTTP_PROXY", "AWS_PROXY"]
    /// The types an HTTP API accepts (the others are WebSocket-only).
    package static let httpTypes = ["HTTP_PROXY", "AWS_PROXY"]

    package init(integrationId: String, integrationType: String, apiGatewayManaged: Bool? = nil, connectionId: String? = nil,
                 connectionType: String, contentHandlingStrategy: String? = nil, credentialsArn: String? = nil,
                 description: String? = nil, integrationMethod: String? = nil, integrationResponseSelectionExpression: String? = nil,
                 integrationSubtype: String? = nil, integrationUri: String? = nil, passthroughBehavior: String? = nil,
                 payloadFormatVersion: String? = nil, requestParameters: [String: String]? = nil,
                 requestTemplates: [String: String]? = nil, responseParameters: [String: [String: String]]? = nil,
                 templateSelectionExpression: String? = nil, timeoutInMillis: Int, tlsConfig: V2TlsConfig? = nil) {
        self.integrationId = integrationId
        self.integrationType = integrationType
        self.apiGatewayManaged = apiGatewayManaged
        self.connectionId = connectionId
        self.connectionType = connectionType
        self.contentHandlingStrategy = contentHandlingStrategy
        self.credentialsArn = credentialsArn
        self.description = description
        self.integrationMethod = integrationMethod
        self.integrationResponseSelectionExpression = integrationResponseSelectionExpression
        self.integrationSubtype = integrationSubtype
        self.integrationUri = integrationUri
        self.passthroughBehavior = passthroughBehavior
        self.payloadFormatVersion = payloadFormatVersion
        self.requestParameters = requestParameters
        self.requestTemplates = requestTemplates
        self.responseParameters = responseParameters
        self.templateSelectionExpression = templateSelectionExpression
        self.timeoutInMillis = timeoutInMillis
        self.tlsConfig = tlsConfig
    }
}

/// `tlsConfig` of a private integration: the server name to verify.
package struct V2TlsConfig: Codable, Sendable, Equatable {
    package var serverNameToVerify: String?

    package init(serverNameToVerify: String? = nil) {
        self.serverNameToVerify = serverNameToVerify
    }
}
