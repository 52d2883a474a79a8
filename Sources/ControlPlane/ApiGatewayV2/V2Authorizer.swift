/// An authorizer of an `apigatewayv2` API (`Authorizer`): JWT (HTTP APIs) or REQUEST (a Lambda).
struct V2Authorizer: Codable, Sendable, Equatable {
    var authorizerId: String
    var authorizerType: String
    var name: String
    var authorizerCredentialsArn: String?
    var authorizerPayloadFormatVersion: String?
    var authorizerResultTtlInSeconds: Int?
    var authorizerUri: String?
    var enableSimpleResponses: Bool?
    var identitySource: [String]?
    var identityValidationExpression: String?
    var jwtConfiguration: V2JwtConfiguration?
}

/// A JWT authorizer's issuer and accepted audiences.
struct V2JwtConfiguration: Codable, Sendable, Equatable {
    var audience: [String]?
    var issuer: String?
}
