/// Which of the three places a policy document comes from, deciding what the compiler demands.
///
/// - `identity`: attached to an IAM user (Tollgate's IAM subset). No `Principal`: the principal is
///   the user it is attached to.
/// - `resource`: a REST API's `policy`. Every statement names a `Principal` or `NotPrincipal`;
///   `execute-api:/…` shorthand resources expand to the API's own ARN.
/// - `authorizer`: the `policyDocument` a Lambda authorizer returns. Like an identity policy, but
///   a `Principal` is tolerated (and matched against the anonymous caller) rather than refused,
///   since the function, not an administrator, wrote it.
package enum PolicyKind: Sendable, Equatable {
    case identity
    case resource
    case authorizer
}
