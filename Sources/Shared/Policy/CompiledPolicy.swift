/// An immutable, compiled policy document: what a snapshot, an IAM user or an authorizer cache
/// entry holds, evaluated per request without parsing anything.
///
/// `evaluate` is IAM's logic for one policy: explicit deny wins, then allow, else implicit deny.
/// It is pure and synchronous, allocates only to resolve policy variables, and its work is bounded
/// by `PolicyLimits` (see there). `Sendable`: one compiled policy serves every event loop.
package struct CompiledPolicy: Sendable, Equatable {
    package enum Version: Sendable, Equatable {
        /// `2012-10-17`: policy variables are substituted.
        case current
        /// `2008-10-17`, or no `Version`: `${…}` is literal text.
        case legacy
    }

    package let version: Version
    package let kind: PolicyKind
    package let id: String?
    package let statements: [PolicyStatement]

    /// The decision of this policy for `request`.
    package func evaluate(_ request: PolicyRequest) -> PolicyDecision {
        var allowed = false
        for statement in statements {
            // Once allowed, only a deny can change the answer: skip the remaining allows.
            if allowed && statement.effect == .allow { continue }
            guard statement.applies(to: request) else { continue }
            if statement.effect == .deny { return .explicitDeny }
            allowed = true
        }
        return allowed ? .allow : .implicitDeny
    }

    /// Whether some `Deny` statement applies: API Gateway's first look at a resource policy before
    /// it calls a Lambda authorizer ("checks for any explicit denials").
    package func deniesExplicitly(_ request: PolicyRequest) -> Bool {
        statements.contains { $0.effect == .deny && $0.applies(to: request) }
    }
}
