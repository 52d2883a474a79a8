/// What one authorization question asks a policy: may `principal` perform `action` on `resource`,
/// given the request's condition keys?
///
/// For API Gateway the action is `execute-api:Invoke` and the resource is the method ARN
/// (`ExecuteApiArn.method`). The action and resource are kept as UTF-8 bytes so a request built
/// once can be evaluated against several policies (identity, resource, authorizer) without
/// converting again. An IAM principal also fills `aws:PrincipalArn`, `aws:PrincipalAccount` and,
/// for a user, `aws:username` (the `${aws:username}` variable) when the context lacks them.
/// Immutable, `Sendable`; building it is the caller's only allocation.
package struct PolicyRequest: Sendable, Equatable {
    package let principal: PolicyPrincipal
    /// The action, ASCII lower-cased (IAM compares actions case-insensitively).
    package let action: [UInt8]
    package let resource: [UInt8]
    package let context: PolicyContext
    /// Where the resource ARN's segments start (`ARNPattern.segmentStarts`), computed once.
    let resourceSegmentStarts: [Int]
    /// An IAM principal's account root ARN (`arn:aws:iam::{account}:root`), which names it too.
    let principalRootARN: String?

    package init(principal: PolicyPrincipal, action: String, resource: String, context: PolicyContext = PolicyContext()) {
        self.principal = principal
        self.action = action.utf8.map(WildcardPattern.lower)
        self.resource = Array(resource.utf8)
        var context = context
        if case .aws(let arn, let account) = principal {
            // The keys IAM derives from the caller, unless the caller's builder set them already.
            if context.values(for: "aws:PrincipalArn") == nil { context.set("aws:PrincipalArn", arn) }
            if context.values(for: "aws:PrincipalAccount") == nil { context.set("aws:PrincipalAccount", account) }
            if context.values(for: "aws:username") == nil, let range = arn.firstRange(of: ":user/") {
                let path = arn[range.upperBound...]
                context.set("aws:username", String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? path))
            }
        }
        self.context = context
        resourceSegmentStarts = ARNPattern.segmentStarts(self.resource[...])
        if case .aws(let arn, let account) = principal {
            let parts = arn.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            let partition = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : "aws"
            principalRootARN = "arn:\(partition):iam::\(account):root"
        } else {
            principalRootARN = nil
        }
    }

    /// The resource as text (for refusal messages).
    package var resourceText: String { String(decoding: resource, as: UTF8.self) }
}
