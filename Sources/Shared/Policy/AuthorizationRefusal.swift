/// A 403 refusal from policy evaluation, with the exact message AWS sends.
///
/// Every policy refusal is HTTP 403, `x-amzn-ErrorType: AccessDeniedException`, gateway response
/// type `ACCESS_DENIED`, body `{"Message":"…"}` with a capital `M` (reference §2.4). The messages:
/// - IAM and resource-policy refusals: `User: <caller ARN | anonymous> is not authorized to perform:
///   execute-api:Invoke on resource: <method ARN>`, with ` with an explicit deny` appended when a
///   `Deny` statement decided it;
/// - a Lambda authorizer's policy: `User is not authorized to access this resource`, with the same
///   suffix for an explicit deny.
/// The data plane's one error mapping builds the response from these fields.
package struct AuthorizationRefusal: Sendable, Equatable {
    /// Whose policy refused.
    package enum Source: Sendable, Equatable {
        case resourcePolicy
        case identityPolicy
        case lambdaAuthorizer
    }

    package let source: Source
    /// A `Deny` statement applied (otherwise nothing allowed: an implicit deny).
    package let explicit: Bool
    /// The `Message` text.
    package let message: String

    package let status = 403
    package let errorType = "AccessDeniedException"
    package let responseType = "ACCESS_DENIED"

    /// The IAM-style refusal naming `caller` (its `displayName`: ARN or `anonymous`) and `resource`.
    package static func policy(_ source: Source, caller: PolicyPrincipal, resource: String, explicit: Bool) -> AuthorizationRefusal {
        let text = "User: \(caller.displayName) is not authorized to perform: \(ExecuteApiArn.invokeAction) on resource: \(resource)"
        return AuthorizationRefusal(source: source, explicit: explicit, message: explicit ? text + " with an explicit deny" : text)
    }

    /// A Lambda authorizer's refusal.
    package static func lambdaAuthorizer(explicit: Bool) -> AuthorizationRefusal {
        let text = "User is not authorized to access this resource"
        return AuthorizationRefusal(source: .lambdaAuthorizer, explicit: explicit, message: explicit ? text + " with an explicit deny" : text)
    }

    /// `{"Message":"…"}`, the body AWS sends.
    package var body: String {
        var out = #"{"Message":"#
        JSONValue.writeEscaped(message, into: &out)
        return out + "}"
    }
}
