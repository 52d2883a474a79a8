/// A method on a resource (botocore `Method`), with its integration and responses embedded.
package struct Method: Codable, Sendable, Equatable {
    package var httpMethod: String
    package var authorizationType: String
    package var authorizerId: String?
    package var apiKeyRequired: Bool
    package var requestValidatorId: String?
    package var operationName: String?
    /// `method.request.{querystring|path|header}.NAME` → required.
    package var requestParameters: [String: Bool]?
    package var requestModels: [String: String]?
    /// Keyed by status code string.
    package var methodResponses: [String: MethodResponse]?
    package var methodIntegration: Integration?
    package var authorizationScopes: [String]?

    package init(httpMethod: String, authorizationType: String = "NONE", authorizerId: String? = nil, apiKeyRequired: Bool = false,
                 requestValidatorId: String? = nil, operationName: String? = nil, requestParameters: [String: Bool]? = nil,
                 requestModels: [String: String]? = nil, methodResponses: [String: MethodResponse]? = nil,
                 methodIntegration: Integration? = nil, authorizationScopes: [String]? = nil) {
        self.httpMethod = httpMethod
        self.authorizationType = authorizationType
        self.authorizerId = authorizerId
        self.apiKeyRequired = apiKeyRequired
        self.requestValidatorId = requestValidatorId
        self.operationName = operationName
        self.requestParameters = requestParameters
        self.requestModels = requestModels
        self.methodResponses = methodResponses
        self.methodIntegration = methodIntegration
        self.authorizationScopes = authorizationScopes
    }
}

/// A method response declaration (botocore `MethodResponse`).
package struct MethodResponse: Codable, Sendable, Equatable {
    package var statusCode: String
    /// `method.response.header.NAME` → required.
    package var responseParameters: [String: Bool]?
    package var responseModels: [String: String]?

    package init(statusCode: String, responseParameters: [String: Bool]? = nil, responseModels: [String: String]? = nil) {
        self.statusCode = statusCode
        self.responseParameters = responseParameters
        self.responseModels = responseModels
    }
}
