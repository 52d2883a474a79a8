/// An authorizer of an `apigatewayv2` API (`Authorizer`): JWT (HTTP APIs) or REQUEST (a Lambda).
package struct V2Authorizer: Codable, Sendable, Equatable {
    package var authorizerId: String
    package var authorizerType: String
    package var name: String
    package var authorizerCredentialsArn: String?
    package var authorizerPayloadFormatVersion: String?
    package var authorizerResultTtlInSeconds: Int?
    package var authorizerUri: String?
    package var enableSimpleResponses: Bool?
    package var identitySource: [String]?
    package var identityValidationExpression: String?
    package var jwtConfiguration: V2JwtConfiguration?

    package init(authorizerId: String, authorizerType: String, name: String, authorizerCredentialsArn: String? = nil,
                 authorizerPayloadFormatVersion: String? = nil, authorizerResultTtlInSeconds: Int? = nil,
                 authorizerUri: String? = nil, enableSimpleResponses: Bool? = nil, identitySource: [String]? = nil,
                 identityValidationExpression: String? = nil, jwtConfiguration: V2JwtConfiguration? = nil) {
        self.authorizerId = authorizerId
        self.authorizerType = authorizerType
        self.name = name
        self.authorizerCredentialsArn = authorizerCredentialsArn
        self.authorizerPayloadFormatVersion = authorizerPayloadFormatVersion
        self.authorizerResultTtlInSeconds = authorizerResultTtlInSeconds
        self.authorizerUri = authorizerUri
        self.enableSimpleResponses = enableSimpleResponses
        self.identitySource = identitySource
        self.identityValidationExpression = identityValidationExpression
        self.jwtConfiguration = jwtConfiguration
    }
}

/// A JWT authorizer's issuer and accepted audiences.
package struct V2JwtConfiguration: Codable, Sendable, Equatable {
    package var audience: [String]?
    package var issuer: String?

    package init(audience: [String]? = nil, issuer: String? = nil) {
        self.audience = audience
        self.issuer = issuer
    }
}
