import Shared

/// The IAM principals of one snapshot, by access key id: opened secrets and compiled identity
/// policies, built once per snapshot off the event loops (`PolicyAuthorizationFilterFactory`).
///
/// Secrets are opened with the node's `SecretSeal` (the cluster secret) and held only in memory;
/// a key whose seal does not open (another cluster secret, a damaged snapshot) is left out, so it
/// answers as an unknown key. A user whose policy does not compile here keeps its keys but its
/// identity policies count as an explicit deny: a Deny the node cannot read must never be lost.
/// Immutable and `Sendable`: read by every loop without a lock.
final class IAMPrincipalIndex: Sendable {
    /// One user, as the policy filter needs it.
    struct Principal: Sendable {
        let arn: String
        let userId: String
        /// The user's account (the fifth field of its ARN).
        let accountId: String
        let policies: [CompiledPolicy]
        /// Some policy did not compile: the identity decision is an explicit deny.
        let policiesUnreadable: Bool
        /// The user as a policy request's principal, with the keys derived from it (once per snapshot).
        let policyPrincipal: PolicyRequest.Principal
    }

    struct Key: Sendable {
        let secret: String
        let principal: Principal
    }

    /// Active keys only: an `Inactive` key is refused like an unknown one, as IAM does.
    private let keys: [String: Key]
    /// How many keys were left out because their seal did not open (for the node's log).
    let unopenedKeyCount: Int
    /// Signing keys derived from this snapshot's secrets; dropped with the index, so a key made
    /// Inactive or deleted stops working with the next snapshot.
    let signingKeys = SigV4SigningKeyCache()

    init(_ iam: SnapshotIAM?, seal: SecretSeal?) {
        var keys: [String: Key] = [:]
        var unopened = 0
        for user in iam?.users ?? [] {
            var policies: [CompiledPolicy] = []
            var unreadable = false
            for document in user.policies {
                if let policy = try? PolicyCompiler.compile(Array(document.utf8), kind: .identity) {
                    policies.append(policy)
                } else {
                    unreadable = true
                }
            }
            let fields = user.arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            let accountId = fields.count > 4 ? String(fields[4]) : ""
            let principal = Principal(arn: user.arn, userId: user.userId, accountId: accountId, policies: policies,
                                      policiesUnreadable: unreadable,
                                      policyPrincipal: PolicyRequest.Principal(.aws(arn: user.arn, account: accountId)))
            for key in user.accessKeys where key.active {
                guard let secret = seal?.open(key.sealedSecret, context: key.accessKeyId) else {
                    unopened += 1
                    continue
                }
                keys[key.accessKeyId] = Key(secret: secret, principal: principal)
            }
        }
        self.keys = keys
        unopenedKeyCount = unopened
    }

    /// The active key `accessKeyId`, or nil.
    func key(_ accessKeyId: String) -> Key? { keys[accessKeyId] }

    /// The identity policies' decision for `request`: any explicit deny, else any allow, else implicit deny.
    static func decision(of principal: Principal, for request: PolicyRequest) -> PolicyDecision {
        if principal.policiesUnreadable { return .explicitDeny }
        var allowed = false
        for policy in principal.policies {
            switch policy.evaluate(request) {
            case .explicitDeny: return .explicitDeny
            case .allow: allowed = true
            case .implicitDeny: break
            }
        }
        return allowed ? .allow : .implicitDeny
    }
}
