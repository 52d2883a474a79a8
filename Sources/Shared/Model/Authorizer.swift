/// A REST API's authorizer (botocore `Authorizer`): a Lambda function (`TOKEN`, `REQUEST`) or
/// Cognito user pools (`COGNITO_USER_POOLS`) that a method with authorization type `CUSTOM` or
/// `COGNITO_USER_POOLS` names by `id`.
///
/// Part of the API's definition, so a deployment freezes it with the methods. The snapshot compiler
/// turns it into a `CompiledAuthorizer` on each method that uses it; nodes run it
/// (docs/authorization.md).
package struct Authorizer: Codable, Sendable, Equatable {
    package var id: String
    package var name: String
    /// TOKEN, REQUEST or COGNITO_USER_POOLS.
    package var type: String
    package var providerARNs: [String]?
    package var authType: String?
    package var authorizerUri: String?
    package var authorizerCredentials: String?
    package var identitySource: String?
    package var identityValidationExpression: String?
    /// Seconds; AWS reports 300 when the caller sets none.
    package var authorizerResultTtlInSeconds: Int?

    package init(id: String, name: String, type: String, providerARNs: [String]? = nil, authType: String? = nil,
                 authorizerUri: String? = nil, authorizerCredentials: String? = nil, identitySource: String? = nil,
                 identityValidationExpression: String? = nil, authorizerResultTtlInSeconds: Int? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.providerARNs = providerARNs
        self.authType = authType
        self.authorizerUri = authorizerUri
        self.authorizerCredentials = authorizerCredentials
        self.identitySource = identitySource
        self.identityValidationExpression = identityValidationExpression
        self.authorizerResultTtlInSeconds = authorizerResultTtlInSeconds
    }
}
