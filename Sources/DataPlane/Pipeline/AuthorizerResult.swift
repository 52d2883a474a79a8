import Shared

/// What an authorizer established about one request: the one place later phases read it from
/// (`Invocation.authorizer`): `$context.authorizer.*` in templates and parameter mappings, and
/// `requestContext.authorizer` in Lambda proxy events.
///
/// Set by the authorizer filter on an allowed request (a Lambda authorizer's `principalId` and
/// `context`, values already the strings templates see; a Cognito authorizer's token `claims`),
/// nil when the method has no authorizer. A class so an `Invocation` copy costs one retain; a
/// cached Lambda result is shared by every request it allows.
package final class AuthorizerResult: Sendable {
    /// `$context.authorizer.principalId` (Lambda authorizers; nil for Cognito).
    package let principalId: String?
    /// `$context.authorizer.KEY`, in the function's order (Lambda authorizers).
    package let context: [(key: String, value: String)]
    /// `$context.authorizer.claims.NAME` (Cognito), values as strings; nil for Lambda authorizers.
    package let claims: [(key: String, value: String)]?
    /// The API key a Lambda authorizer named, used when the API's `apiKeySource` is `AUTHORIZER`.
    package let usageIdentifierKey: String?
    /// An HTTP API Lambda authorizer's `context` as the function returned it (values may be objects
    /// or arrays): `requestContext.authorizer.lambda` of payload 2.0 events; nil otherwise.
    package let lambdaContext: JSONValue?

    package init(principalId: String?, context: [(key: String, value: String)] = [], claims: [(key: String, value: String)]? = nil,
                 usageIdentifierKey: String? = nil, lambdaContext: JSONValue? = nil) {
        self.lambdaContext = lambdaContext
        self.principalId = principalId
        self.context = context
        self.claims = claims
        self.usageIdentifierKey = usageIdentifierKey
    }

    /// `$context.authorizer.NAME`: `principalId`, a context key, or `claims.CLAIM`; nil when unset.
    package func value(_ name: String) -> String? {
        if name == "principalId", let principalId { return principalId }
        if let claims, name.hasPrefix("claims.") {
            let claim = name.dropFirst("claims.".count)
            return claims.first { $0.key == claim }?.value
        }
        return context.first { $0.key == name }?.value
    }

    /// `requestContext.authorizer` of a Lambda proxy event: `principalId`, the context keys and
    /// `integrationLatency` for a Lambda authorizer, `{"claims": {…}}` for Cognito.
    package func proxyEventValue(integrationLatencyMillis: Int) -> JSONValue {
        if let claims { return .object([("claims", .object(claims.map { ($0.key, .string($0.value)) }))]) }
        var members: [(key: String, value: JSONValue)] = []
        if let principalId { members.append(("principalId", .string(principalId))) }
        for (key, value) in context where key != "principalId" && key != "integrationLatency" { members.append((key, .string(value))) }
        members.append(("integrationLatency", .number(Double(integrationLatencyMillis))))
        return .object(members)
    }
}
