import Shared

/// Authorizes `AWS_IAM` methods and methods of APIs with a resource policy, in AWS's order
/// (docs/authorization.md): client address → SigV4 (`AWS_IAM` only) → principal by access key →
/// identity policies → resource policy → AWS's combination table (`ResourcePolicyAuthorization`).
///
/// The compiled config of one route: whether it is `AWS_IAM`, its API's compiled resource policy
/// (or the fact that it did not compile: then every request is refused, never served open), and
/// the snapshot's principals and verifier. Per request it builds the method ARN and one
/// `PolicyRequest`; on success it leaves `Invocation.iamCaller` (and `forwardedSourceIp`) for
/// `$context.identity.*`. Runs on the request's loop; never suspends.
struct PolicyAuthorizationFilter: RequestFilter {
    enum ResourcePolicy: Sendable {
        case compiled(CompiledPolicy)
        /// The node's compiler refused the document: refuse every request (an explicit deny).
        case unreadable
    }

    let requiresSignature: Bool
    /// A `CUSTOM` or `COGNITO_USER_POOLS` method: only the pre-authorizer look at the resource policy
    /// happens here (an explicit deny refuses; otherwise the decision is left in
    /// `Invocation.resourcePolicyDecision` for the authorizer filter to combine).
    var beforeAuthorizer = false
    let resourcePolicy: ResourcePolicy?
    let principals: IAMPrincipalIndex
    let verifier: SigV4Verifier
    let configuration: PipelineConfiguration
    /// The route's method ARN up to its method.
    let arnPrefix: MethodArnPrefix

    /// `execute-api:Invoke` as a policy request holds it, and the anonymous caller, prepared once.
    private static let invokeAction = PolicyRequest.lowered(action: ExecuteApiArn.invokeAction)
    private static let anonymous = PolicyRequest.Principal(.anonymous)

    var name: String { "policyAuthorization" }

    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        // For `$context.authenticate.latency` / `authorize.latency` (two clock reads, no allocation).
        let started = Syscall.monotonicNanos()
        let request = invocation.request
        if let forwarded = ClientAddress.forwarded(peer: invocation.connection.remoteAddress,
                                                   header: request.headers["X-Forwarded-For"],
                                                   trusted: configuration.trustedProxies) {
            invocation.forwardedSourceIp = forwarded
        }
        let method = request.method.rawValue
        let methodArn = arnPrefix.methodArn(region: configuration.region, account: configuration.accountId, stage: invocation.stage,
                                            method: method, path: invocation.path)
        let nowSeconds = invocation.requestTimeEpochMillis / 1000
        // Keys lower-cased already (`PolicyContext.normalize` made a new `String` for each mixed-case one).
        var context = PolicyContext()
        context.set("aws:sourceip", invocation.sourceIp)
        context.setTime(epochSeconds: nowSeconds)
        context.set("aws:securetransport", invocation.connection.isTLS ? "true" : "false")
        if let agent = request.headers["User-Agent"] { context.set("aws:useragent", agent) }
        if let referer = request.headers["Referer"] { context.set("aws:referer", referer) }

        let caller: ResourcePolicyAuthorization.Caller
        let principal: PolicyPrincipal
        var identity: IAMCallerIdentity?
        if requiresSignature {
            let signer: SigV4Identity
            switch verifier.verify(request, now: nowSeconds) {
            case .success(let verified): signer = verified
            case .failure(let error): return refuseAuthentication(.signatureRefused(error), since: started, &invocation)
            }
            // Tollgate issues no temporary credentials, so no session token can be valid.
            guard signer.securityToken == nil, let key = principals.key(signer.accessKeyId) else {
                return refuseAuthentication(.signatureRefused(.unrecognizedClient), since: started, &invocation)
            }
            invocation.authSteps.authenticate = .measured(status: 200, since: started)
            principal = key.principal.policyPrincipal.principal
            let policyRequest = PolicyRequest(principal: key.principal.policyPrincipal, loweredAction: Self.invokeAction,
                                              resource: methodArn, context: context)
            caller = .iam(IAMPrincipalIndex.decision(of: key.principal, for: policyRequest), principal: principal)
            identity = IAMCallerIdentity(userArn: key.principal.arn, accessKey: signer.accessKeyId, user: key.principal.userId,
                                         caller: key.principal.userId, accountId: key.principal.accountId)
            let authorizing = Syscall.monotonicNanos()
            if resourcePolicy == nil { return finish(caller, nil, identity, since: authorizing, &invocation) }
            return finish(caller, resourceDecision(policyRequest), identity, since: authorizing, &invocation)
        }
        principal = .anonymous
        caller = .none
        let policyRequest = PolicyRequest(principal: Self.anonymous, loweredAction: Self.invokeAction, resource: methodArn, context: context)
        if beforeAuthorizer {
            // AWS: "Before calling the Lambda authorizer, API Gateway first evaluates the policy and
            // checks for any explicit denials. If found, the caller is denied access immediately."
            let decision = resourceDecision(policyRequest)
            if decision == .explicitDeny {
                invocation.authSteps.authorize = .measured(status: 403, since: started)
                return .fail(.policyDenied(.policy(.resourcePolicy, caller: .anonymous, resource: shownArn(invocation), explicit: true)))
            }
            invocation.resourcePolicyDecision = decision
            return .proceed
        }
        return finish(caller, resourceDecision(policyRequest), identity, since: started, &invocation)
    }

    /// Records the refused authentication step (`$context.authenticate.*`) and refuses.
    private func refuseAuthentication(_ error: GatewayError, since started: UInt64, _ invocation: inout Invocation) -> PhaseOutcome {
        invocation.authSteps.authenticate = .measured(status: error.status, since: started)
        return .fail(error)
    }

    private func resourceDecision(_ request: PolicyRequest) -> PolicyDecision? {
        switch resourcePolicy {
        case nil: return nil
        case .compiled(let policy)?: return policy.evaluate(request)
        case .unreadable?: return .explicitDeny
        }
    }

    /// The method ARN as AWS prints it in refusals: the account masked but for its last four digits.
    /// Built only for a refusal.
    private func shownArn(_ invocation: Invocation) -> String {
        AccessRefusal.methodArn(region: configuration.region, accountId: configuration.accountId,
                                restApiId: invocation.stage.restApiId, stage: invocation.stage.stageName,
                                method: invocation.request.method.rawValue, path: invocation.path[...])
    }

    private func finish(_ caller: ResourcePolicyAuthorization.Caller, _ resource: PolicyDecision?,
                        _ identity: IAMCallerIdentity?, since started: UInt64, _ invocation: inout Invocation) -> PhaseOutcome {
        switch ResourcePolicyAuthorization.decide(caller: caller, resourcePolicy: resource, resource: shownArn(invocation),
                                                  apiAccount: configuration.accountId) {
        case .allow:
            invocation.authSteps.authorize = .measured(status: 200, since: started)
            invocation.iamCaller = identity
            return .proceed
        case .refuse(let refusal):
            let error = GatewayError.policyDenied(refusal)
            invocation.authSteps.authorize = .measured(status: error.status, since: started)
            return .fail(error)
        }
    }
}
