/// Why a route refuses every request: its definition asks for a protection the data plane does not
/// enforce yet, so the route fails closed instead of serving the method open.
///
/// Compiled once per route (`StageBuilder`) from the method's `authorizationType` and the API's
/// resource `policy`. `NONE` and `AWS_IAM` methods compile to no refusal: the data plane's policy
/// filter (`PolicyAuthorizationFilter`, always in the chain) verifies SigV4 and evaluates identity
/// and resource policies for them, and refuses when a policy cannot be compiled. What is still
/// refused here: PRIVATE APIs, authorizer methods (`CUSTOM`, `COGNITO_USER_POOLS`) whose authorizer
/// the data plane cannot run (`StageBuilder` lifts the refusal when it can; a resource policy on
/// such an API is then evaluated by the policy filter before the authorizer and combined with its
/// result by AWS's table, `ResourcePolicyAuthorization`) and any unknown type. A request
/// is refused with what AWS answers a caller without valid credentials (`GatewayError` in the data
/// plane); the integration is never called.
package enum AccessRefusal: Sendable, Equatable {
    /// A PRIVATE API (reachable on AWS only through a VPC endpoint, which Tollgate does not have):
    /// 403 `AccessDeniedException`,
    /// "User: anonymous is not authorized to perform: execute-api:Invoke on resource: …".
    case resourcePolicy
    /// Any authorization type Tollgate does not know: 403 `Missing Authentication Token`,
    /// what AWS answers an unsigned request.
    case iam
    /// `CUSTOM` (Lambda authorizer) or `COGNITO_USER_POOLS`: 401 `Unauthorized`, what AWS answers a
    /// request without a valid token.
    case authorizer

    /// The refusal for a method with `authorizationType` on an API whose resource policy is `policy`
    /// (`isPrivate`: its endpoint type is PRIVATE); nil when the policy filter serves the method
    /// (`NONE`, `AWS_IAM`) on an API that is not private.
    package static func compile(authorizationType: String, resourcePolicy policy: String?, isPrivate: Bool = false) -> AccessRefusal? {
        if isPrivate { return .resourcePolicy }
        switch authorizationType {
        case "NONE", "AWS_IAM": return nil
        // Lifted by `StageBuilder` when the authorizer compiles; a resource policy is the policy filter's.
        case "CUSTOM", "COGNITO_USER_POOLS": return .authorizer
        // Anything else: an unknown type must never be served open.
        default: return .iam
        }
    }
}
