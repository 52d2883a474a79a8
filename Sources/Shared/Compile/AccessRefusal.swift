/// Why a route refuses every request: its definition asks for a protection the data plane does not
/// enforce yet, so the route fails closed instead of serving the method open.
///
/// Compiled once per route (`StageBuilder`) from the method's `authorizationType` and the API's
/// resource `policy`, in Amazon API Gateway's order: the resource policy is evaluated before any
/// authorizer, and both before the API key, so an API with a policy answers with the policy's refusal
/// whatever its methods' authorization. A request is refused with what AWS answers a caller without
/// valid credentials (`GatewayError` in the data plane); the integration is never called. `NONE`
/// without a policy compiles to no refusal (nil). Until a later release evaluates policies and runs
/// authorizers, a protected method can only be refused, never served.
package enum AccessRefusal: Sendable, Equatable {
    /// The API has a resource policy, or is a PRIVATE API (reachable on AWS only through a VPC
    /// endpoint, which Tollgate does not have): 403 `AccessDeniedException`, "User: anonymous is not
    /// authorized to perform: execute-api:Invoke on resource: …" (an implicit deny).
    case resourcePolicy
    /// `AWS_IAM` (and any authorization type Tollgate does not know): 403 `Missing Authentication Token`,
    /// what AWS answers an unsigned request.
    case iam
    /// `CUSTOM` (Lambda authorizer) or `COGNITO_USER_POOLS`: 401 `Unauthorized`, what AWS answers a
    /// request without a valid token.
    case authorizer

    /// The refusal for a method with `authorizationType` on an API whose resource policy is `policy`
    /// (`isPrivate`: its endpoint type is PRIVATE); nil when the method is open (`NONE`, no policy or
    /// an empty one, not private).
    package static func compile(authorizationType: String, resourcePolicy policy: String?, isPrivate: Bool = false) -> AccessRefusal? {
        if isPrivate { return .resourcePolicy }
        if let policy, !policy.isEmpty { return .resourcePolicy }
        switch authorizationType {
        case "NONE": return nil
        case "CUSTOM", "COGNITO_USER_POOLS": return .authorizer
        // AWS_IAM, and anything else: an unknown type must never be served open.
        default: return .iam
        }
    }
}
