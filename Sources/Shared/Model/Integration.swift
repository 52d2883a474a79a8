/// A method's integration (botocore `Integration`). `httpMethod` is the *integration's* verb
/// (the SDK calls it `integrationHttpMethod`). Defaults follow AWS: `passthroughBehavior`
/// `WHEN_NO_MATCH`, `timeoutInMillis` 29000, `cacheKeyParameters` `[]`, `cacheNamespace` = resource id.
package struct Integration: Codable, Sendable, Equatable {
    /// HTTP, HTTP_PROXY, MOCK, AWS, AWS_PROXY.
    package var type: String
    package var httpMethod: String?
    package var uri: String?
    package var connectionType: String?
    package var connectionId: String?
    package var credentials: String?
    /// `integration.request.{path|querystring|header}.NAME` → mapping expression.
    package var requestParameters: [String: String]?
    package var requestTemplates: [String: String]?
    package var passthroughBehavior: String?
    package var contentHandling: String?
    package var timeoutInMillis: Int
    package var cacheNamespace: String?
    package var cacheKeyParameters: [String]?
    /// Keyed by status code string.
    package var integrationResponses: [String: IntegrationResponse]?
    package var tlsConfig: TlsConfig?
    package var responseTransferMode: String?

    package init(type: String, httpMethod: String? = nil, uri: String? = nil, connectionType: String? = "INTERNET",
                 connectionId: String? = nil, credentials: String? = nil, requestParameters: [String: String]? = nil,
                 requestTemplates: [String: String]? = nil, passthroughBehavior: String? = "WHEN_NO_MATCH",
                 contentHandling: String? = nil, timeoutInMillis: Int = 29000, cacheNamespace: String? = nil,
                 cacheKeyParameters: [String]? = [], integrationResponses: [String: IntegrationResponse]? = nil,
                 tlsConfig: TlsConfig? = nil, responseTransferMode: String? = nil) {
        self.type = type
        self.httpMethod = httpMethod
        self.uri = uri
        self.connectionType = connectionType
        self.connectionId = connectionId
        self.credentials = credentials
        self.requestParameters = requestParameters
        self.requestTemplates = requestTemplates
        self.passthroughBehavior = passthroughBehavior
        self.contentHandling = contentHandling
        self.timeoutInMillis = timeoutInMillis
        self.cacheNamespace = cacheNamespace
        self.cacheKeyParameters = cacheKeyParameters
        self.integrationResponses = integrationResponses
        self.tlsConfig = tlsConfig
        self.responseTransferMode = responseTransferMode
    }
}

/// An integration response (botocore `IntegrationResponse`); `selectionPattern` is a regex over the
/// upstream status (HTTP) or error message (Lambda); empty/absent marks the default response.
package struct IntegrationResponse: Codable, Sendable, Equatable {
    package var statusCode: String
    package var selectionPattern: String?
    /// `method.response.header.NAME` → expression (`'static'`, `integration.response.header.X`, …).
    package var responseParameters: [String: String]?
    package var responseTemplates: [String: String]?
    package var contentHandling: String?

    package init(statusCode: String, selectionPattern: String? = nil, responseParameters: [String: String]? = nil,
                 responseTemplates: [String: String]? = nil, contentHandling: String? = nil) {
        self.statusCode = statusCode
        self.selectionPattern = selectionPattern
        self.responseParameters = responseParameters
        self.responseTemplates = responseTemplates
        self.contentHandling = contentHandling
    }
}

/// `tlsConfig` of an integration.
package struct TlsConfig: Codable, Sendable, Equatable {
    package var insecureSkipVerification: Bool?
    package init(insecureSkipVerification: Bool? = nil) { self.insecureSkipVerification = insecureSkipVerification }
}
