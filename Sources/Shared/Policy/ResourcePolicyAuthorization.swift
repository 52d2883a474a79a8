/// How a REST API's resource policy combines with the method's own authorization: AWS's published
/// table, as one pure function.
///
/// Source: Amazon API Gateway Developer Guide, "How API Gateway resource policies affect
/// authorization workflow" (docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html):
/// - **Resource policy only** (`NONE`): the policy must explicitly allow; an implicit or explicit
///   deny refuses.
/// - **Lambda authorizer**: the policy is evaluated twice. Before the authorizer is called, an
///   explicit deny refuses at once (`beforeAuthorizer`); afterwards the authorizer's returned
///   policy and the resource policy are combined by Table A.
/// - **IAM**: the caller's identity policies and the resource policy are combined by Table A when
///   the caller belongs to the API owner's account, by Table B otherwise.
/// - **Cognito**: after the token is verified, "the resource policy is evaluated independently,
///   and an explicit allow is required". (The page's Table A also lists Cognito, as if an
///   authorizer "Allow" plus a silent resource policy allowed; the two statements conflict and
///   Tollgate takes the stricter one.)
///
/// Table A (same account): explicit deny from either side → explicit deny; otherwise an allow from
/// either side → allow; otherwise implicit deny. Table B (cross-account): explicit deny from either
/// side → explicit deny; allow only when both allow; otherwise implicit deny. Without a resource
/// policy the method's authorization decides alone. Refusals carry AWS's exact 403 messages
/// (`AuthorizationRefusal`). Pure; the filters of issue 14 call it per request.
package enum ResourcePolicyAuthorization {
    /// What the method's own authorization concluded.
    package enum Caller: Sendable, Equatable {
        /// `authorizationType` `NONE`.
        case none
        /// A Lambda authorizer; the decision of its returned policy for the method ARN.
        case lambda(PolicyDecision)
        /// `AWS_IAM`: the verified principal and the decision of its identity policies.
        case iam(PolicyDecision, principal: PolicyPrincipal)
        /// `COGNITO_USER_POOLS`, the token verified (a bad token is a 401 before this point).
        case cognito
    }

    package enum Outcome: Sendable, Equatable {
        case allow
        case refuse(AuthorizationRefusal)
    }

    /// The pre-authorizer look at the resource policy (`request` is the anonymous caller on the
    /// method ARN): the refusal when a `Deny` statement applies, nil to go on and call the authorizer.
    package static func beforeAuthorizer(resourcePolicy: CompiledPolicy?, request: PolicyRequest) -> AuthorizationRefusal? {
        guard let resourcePolicy, resourcePolicy.deniesExplicitly(request) else { return nil }
        return .policy(.resourcePolicy, caller: .anonymous, resource: request.resourceText, explicit: true)
    }

    /// The final answer. `resourcePolicy` is the resource policy's decision for the request (nil:
    /// the API has none); `resource` the method ARN; `apiAccount` the API owner's account (for IAM
    /// callers: Table A when it is theirs, Table B when not). `resource` is evaluated only for a
    /// refusal (its message), so an allowed request builds no display ARN.
    package static func decide(caller: Caller, resourcePolicy: PolicyDecision?, resource: @autoclosure () -> String,
                               apiAccount: String) -> Outcome {
        switch caller {
        case .none:
            guard let resourcePolicy else { return .allow }
            return resourcePolicy == .allow
                ? .allow : .refuse(.policy(.resourcePolicy, caller: .anonymous, resource: resource(), explicit: resourcePolicy == .explicitDeny))

        case .lambda(let authorizer):
            let combined = resourcePolicy.map { tableA(authorizer, $0) } ?? authorizer
            switch combined {
            case .allow: return .allow
            case .explicitDeny where authorizer != .explicitDeny:
                return .refuse(.policy(.resourcePolicy, caller: .anonymous, resource: resource(), explicit: true))
            case .explicitDeny: return .refuse(.lambdaAuthorizer(explicit: true))
            case .implicitDeny: return .refuse(.lambdaAuthorizer(explicit: false))
            }

        case .iam(let identity, let principal):
            let combined: PolicyDecision
            if let resourcePolicy {
                combined = isSameAccount(principal, apiAccount) ? tableA(identity, resourcePolicy) : tableB(identity, resourcePolicy)
            } else {
                combined = identity
            }
            guard combined != .allow else { return .allow }
            let source: AuthorizationRefusal.Source = resourcePolicy == .explicitDeny && identity != .explicitDeny ? .resourcePolicy : .identityPolicy
            return .refuse(.policy(source, caller: principal, resource: resource(), explicit: combined == .explicitDeny))

        case .cognito:
            guard let resourcePolicy, resourcePolicy != .allow else { return .allow }
            return .refuse(.policy(.resourcePolicy, caller: .anonymous, resource: resource(), explicit: resourcePolicy == .explicitDeny))
        }
    }

    /// Table A: same account (and every authorizer).
    package static func tableA(_ caller: PolicyDecision, _ resource: PolicyDecision) -> PolicyDecision {
        if caller == .explicitDeny || resource == .explicitDeny { return .explicitDeny }
        return caller == .allow || resource == .allow ? .allow : .implicitDeny
    }

    /// Table B: the caller's account is not the API owner's.
    package static func tableB(_ caller: PolicyDecision, _ resource: PolicyDecision) -> PolicyDecision {
        if caller == .explicitDeny || resource == .explicitDeny { return .explicitDeny }
        return caller == .allow && resource == .allow ? .allow : .implicitDeny
    }

    private static func isSameAccount(_ principal: PolicyPrincipal, _ apiAccount: String) -> Bool {
        if case .aws(_, let account) = principal { return account == apiAccount }
        return false
    }
}
