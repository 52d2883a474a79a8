/// The answer of one policy (or one set of policies) to a request, in IAM's three values.
///
/// "Policy evaluation logic": an explicit `Deny` in any applicable statement wins over every
/// `Allow`; otherwise one applicable `Allow` allows; otherwise the request is implicitly denied
/// (API Gateway's tables call it "Neither Allow nor Deny").
package enum PolicyDecision: Sendable, Equatable {
    case allow
    case explicitDeny
    case implicitDeny

    /// The decision of several policies evaluated together (an IAM user's attached and inline
    /// policies): any explicit deny, else any allow, else implicit deny.
    package static func combining(_ decisions: [PolicyDecision]) -> PolicyDecision {
        if decisions.contains(.explicitDeny) { return .explicitDeny }
        return decisions.contains(.allow) ? .allow : .implicitDeny
    }
}
