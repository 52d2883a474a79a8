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
        self.init(principal: Principal(principal), loweredAction: Self.lowered(action: action), resource: Array(resource.utf8),
                  context: context)
    }

    /// What a request derives from its principal, derived once: the condition keys IAM fills from an
    /// IAM caller (as context values) and its account root ARN. A node keeps one per IAM user per
    /// snapshot; deriving them per request (the user name and partition read from the ARN, the root
    /// ARN interpolated, three keys normalised and set) cost ~11,000 instructions a SigV4 request
    /// (issue 14, docs/performance.md).
    package struct Principal: Sendable {
        package let principal: PolicyPrincipal
        /// `aws:principalarn`, `aws:principalaccount` and, for a user, `aws:username`, lower-cased keys.
        let keys: [(key: String, value: [[UInt8]])]
        let rootARN: String?

        package init(_ principal: PolicyPrincipal) {
            self.principal = principal
            guard case .aws(let arn, let account) = principal else {
                keys = []
                rootARN = nil
                return
            }
            var keys: [(key: String, value: [[UInt8]])] = [("aws:principalarn", [Array(arn.utf8)]), ("aws:principalaccount", [Array(account.utf8)])]
            if let name = PolicyRequest.userName(inARN: arn) { keys.append(("aws:username", [Array(name.utf8)])) }
            self.keys = keys
            rootARN = "arn:\(PolicyRequest.partition(ofARN: arn) ?? "aws"):iam::\(account):root"
        }
    }

    /// A request whose parts are prepared: `loweredAction` from `lowered(action:)`, `resource` the
    /// ARN's UTF-8 bytes. The same request as `init(principal:action:resource:context:)` builds.
    package init(principal: Principal, loweredAction: [UInt8], resource: [UInt8], context: PolicyContext) {
        self.principal = principal.principal
        action = loweredAction
        self.resource = resource
        var context = context
        // The keys IAM derives from the caller, unless the caller's builder set them already.
        for (key, value) in principal.keys where context.values(forLowercasedKey: key) == nil {
            context.set(lowercasedKey: key, bytes: value)
        }
        self.context = context
        resourceSegmentStarts = ARNPattern.segmentStarts(self.resource[...])
        principalRootARN = principal.rootARN
    }

    /// An action as `action` holds it: ASCII lower case (a caller asking one action many times
    /// converts it once).
    package static func lowered(action: String) -> [UInt8] { action.utf8.map(WildcardPattern.lower) }

    /// The user name of an IAM user ARN (`arn:aws:iam::123:user/path/to/Bob` → `Bob`: the last
    /// part of the path), nil for any other ARN. Over the UTF-8 bytes: the generic
    /// `firstRange(of:)` on `String` cost ~27,000 instructions a SigV4 request (issue 14).
    static func userName(inARN arn: String) -> String? {
        let utf8 = arn.utf8
        let marker = ":user/".utf8
        var from = utf8.startIndex
        while let colon = utf8[from...].firstIndex(of: UInt8(ascii: ":")) {
            if utf8[colon...].starts(with: marker) {
                let path = utf8[utf8.index(colon, offsetBy: marker.count)...]
                let name = path.lastIndex(of: UInt8(ascii: "/")).map { path[path.index(after: $0)...] } ?? path
                return String(Substring(name))
            }
            from = utf8.index(after: colon)
        }
        return nil
    }

    /// The partition of an ARN (`aws` in `arn:aws:iam::…`); nil when it has none.
    static func partition(ofARN arn: String) -> String? {
        let utf8 = arn.utf8
        guard let first = utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let rest = utf8[utf8.index(after: first)...]
        let partition = rest[..<(rest.firstIndex(of: UInt8(ascii: ":")) ?? rest.endIndex)]
        return partition.isEmpty ? nil : String(Substring(partition))
    }

    /// The resource as text (for refusal messages).
    package var resourceText: String { String(decoding: resource, as: UTF8.self) }
}
