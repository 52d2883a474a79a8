import Shared

/// Makes a `PolicyAuthorizationFilter` for every `AWS_IAM` route and every route of an API with a
/// resource policy (routes `AccessRefusal` refuses get none: they never get this far).
///
/// Built once per snapshot, off the event loops (`DefaultChain.builtIn`): opens the snapshot's IAM
/// keys into one `IAMPrincipalIndex`, makes one SigV4 verifier (service `execute-api`, the node's
/// region, 5-minute skew) and compiles each distinct resource policy once, with `execute-api:/…`
/// expanded to the API's ARN in the node's region and account. Part of the built-in chain, so no
/// node setting can serve an `AWS_IAM` method or a policy-protected API unchecked.
struct PolicyAuthorizationFilterFactory: FilterFactory {
    let configuration: PipelineConfiguration
    let principals: IAMPrincipalIndex
    let verifier: SigV4Verifier
    /// Compiled resource policies by API id and document.
    private let policies: [PolicyKey: PolicyAuthorizationFilter.ResourcePolicy]

    private struct PolicyKey: Hashable {
        let restApiId: String
        let document: String
    }

    var phase: ChainPhase { .resourcePolicy }

    init(configuration: PipelineConfiguration, snapshot: CompiledSnapshot?) {
        self.configuration = configuration
        let principals = IAMPrincipalIndex(snapshot?.iam, seal: configuration.secretSeal)
        self.principals = principals
        verifier = SigV4Verifier(credentials: { principals.key($0)?.secret }, clock: { 0 },  // the filter passes the request's time
                                 service: "execute-api", region: configuration.region,
                                 signingKeys: principals.signingKeys)
        var policies: [PolicyKey: PolicyAuthorizationFilter.ResourcePolicy] = [:]
        for api in snapshot?.apis.values.map({ $0 }) ?? [] {
            for stage in api.stages.values.flatMap(\.withCanary) {
                guard let document = stage.resourcePolicy else { continue }
                let key = PolicyKey(restApiId: stage.restApiId, document: document)
                if policies[key] == nil { policies[key] = Self.compile(document, restApiId: stage.restApiId, configuration) }
            }
        }
        self.policies = policies
    }

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        guard route.refusal == nil else { return nil }
        let requiresSignature = route.authorizationType == "AWS_IAM"
        let resourcePolicy = stage.resourcePolicy.map { document in
            policies[PolicyKey(restApiId: stage.restApiId, document: document)]
                ?? Self.compile(document, restApiId: stage.restApiId, configuration)
        }
        guard requiresSignature || resourcePolicy != nil else { return nil }
        let beforeAuthorizer = route.authorizationType == "CUSTOM" || route.authorizationType == "COGNITO_USER_POOLS"
        return PolicyAuthorizationFilter(requiresSignature: requiresSignature, beforeAuthorizer: beforeAuthorizer,
                                         resourcePolicy: resourcePolicy, principals: principals, verifier: verifier,
                                         configuration: configuration,
                                         arnPrefix: MethodArnPrefix(region: configuration.region, account: configuration.accountId,
                                                                    restApiId: stage.restApiId, stageName: stage.stageName))
    }

    private static func compile(_ document: String, restApiId: String,
                                _ configuration: PipelineConfiguration) -> PolicyAuthorizationFilter.ResourcePolicy {
        let apiARN = ExecuteApiArn.api(region: configuration.region, account: configuration.accountId, apiId: restApiId)
        guard let policy = try? PolicyCompiler.compile(Array(document.utf8), kind: .resource, apiARN: apiARN) else { return .unreadable }
        return .compiled(policy)
    }
}
