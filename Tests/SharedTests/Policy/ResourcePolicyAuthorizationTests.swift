import Testing
@testable import Shared

/// AWS's "Policy evaluation outcome tables" and flows ("How API Gateway resource policies affect
/// authorization workflow"), row by row.
@Suite struct ResourcePolicyAuthorizationTests {
    typealias Auth = ResourcePolicyAuthorization
    static let arn = "arn:aws:execute-api:us-east-1:111111111111:a1b2c3/prod/GET/pets"
    static let sameAccount = PolicyPrincipal.aws(arn: "arn:aws:iam::111111111111:user/Alice", account: "111111111111")
    static let otherAccount = PolicyPrincipal.aws(arn: "arn:aws:iam::222222222222:user/Bob", account: "222222222222")

    static func decide(_ caller: Auth.Caller, _ resource: PolicyDecision?) -> Auth.Outcome {
        Auth.decide(caller: caller, resourcePolicy: resource, resource: arn, apiAccount: "111111111111")
    }

    /// Table A (same account) and Table B (cross-account), all nine rows each.
    @Test(arguments: [
        (PolicyDecision.allow, PolicyDecision.allow, PolicyDecision.allow, PolicyDecision.allow),
        (.allow, .implicitDeny, .allow, .implicitDeny),
        (.allow, .explicitDeny, .explicitDeny, .explicitDeny),
        (.implicitDeny, .allow, .allow, .implicitDeny),
        (.implicitDeny, .implicitDeny, .implicitDeny, .implicitDeny),
        (.implicitDeny, .explicitDeny, .explicitDeny, .explicitDeny),
        (.explicitDeny, .allow, .explicitDeny, .explicitDeny),
        (.explicitDeny, .implicitDeny, .explicitDeny, .explicitDeny),
        (.explicitDeny, .explicitDeny, .explicitDeny, .explicitDeny),
    ])
    func followsTablesAAndB(caller: PolicyDecision, resource: PolicyDecision, tableA: PolicyDecision, tableB: PolicyDecision) {
        #expect(Auth.tableA(caller, resource) == tableA)
        #expect(Auth.tableB(caller, resource) == tableB)
        func expected(_ decision: PolicyDecision, _ principal: PolicyPrincipal) -> Auth.Outcome {
            decision == .allow ? .allow : .refuse(.policy(resource == .explicitDeny && caller != .explicitDeny ? .resourcePolicy : .identityPolicy,
                                                         caller: principal, resource: Self.arn, explicit: decision == .explicitDeny))
        }
        #expect(Self.decide(.iam(caller, principal: Self.sameAccount), resource) == expected(tableA, Self.sameAccount))
        #expect(Self.decide(.iam(caller, principal: Self.otherAccount), resource) == expected(tableB, Self.otherAccount))
    }

    @Test func iamRefusalsNameTheCallerAndTheMethod() {
        #expect(Self.decide(.iam(.implicitDeny, principal: Self.otherAccount), .allow)
            == .refuse(AuthorizationRefusal(source: .identityPolicy, explicit: false, message:
                "User: arn:aws:iam::222222222222:user/Bob is not authorized to perform: execute-api:Invoke on resource: " + Self.arn)))
        guard case .refuse(let refusal) = Self.decide(.iam(.allow, principal: Self.sameAccount), .explicitDeny) else {
            Issue.record("allowed"); return
        }
        #expect(refusal.message == "User: arn:aws:iam::111111111111:user/Alice is not authorized to perform: execute-api:Invoke on resource: "
            + Self.arn + " with an explicit deny")
        #expect(refusal.status == 403 && refusal.errorType == "AccessDeniedException" && refusal.responseType == "ACCESS_DENIED")
        #expect(refusal.body == #"{"Message":"User: arn:aws:iam::111111111111:user/Alice is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:111111111111:a1b2c3/prod/GET/pets with an explicit deny"}"#)
    }

    @Test func withoutAResourcePolicyTheMethodsAuthorizationDecidesAlone() {
        #expect(Self.decide(.none, nil) == .allow)
        #expect(Self.decide(.cognito, nil) == .allow)
        #expect(Self.decide(.iam(.allow, principal: Self.otherAccount), nil) == .allow)
        #expect(Self.decide(.iam(.implicitDeny, principal: Self.sameAccount), nil)
            == .refuse(.policy(.identityPolicy, caller: Self.sameAccount, resource: Self.arn, explicit: false)))
        #expect(Self.decide(.lambda(.allow), nil) == .allow)
        #expect(Self.decide(.lambda(.explicitDeny), nil) == .refuse(.lambdaAuthorizer(explicit: true)))
        #expect(Self.decide(.lambda(.implicitDeny), nil) == .refuse(.lambdaAuthorizer(explicit: false)))
    }

    /// "API Gateway resource policy only": an explicit allow is needed.
    @Test func aResourcePolicyAloneMustAllowExplicitly() {
        #expect(Self.decide(.none, .allow) == .allow)
        #expect(Self.decide(.none, .implicitDeny) == .refuse(.policy(.resourcePolicy, caller: .anonymous, resource: Self.arn, explicit: false)))
        guard case .refuse(let refusal) = Self.decide(.none, .explicitDeny) else { Issue.record("allowed"); return }
        #expect(refusal.message == "User: anonymous is not authorized to perform: execute-api:Invoke on resource: " + Self.arn + " with an explicit deny")
    }

    /// "Lambda authorizer and resource policy": Table A, with the authorizer's own messages.
    @Test func lambdaAuthorizersCombineByTableA() {
        #expect(Self.decide(.lambda(.allow), .implicitDeny) == .allow)
        #expect(Self.decide(.lambda(.implicitDeny), .allow) == .allow)
        #expect(Self.decide(.lambda(.allow), .explicitDeny) == .refuse(.policy(.resourcePolicy, caller: .anonymous, resource: Self.arn, explicit: true)))
        #expect(Self.decide(.lambda(.explicitDeny), .allow) == .refuse(.lambdaAuthorizer(explicit: true)))
        #expect(Self.decide(.lambda(.implicitDeny), .implicitDeny) == .refuse(.lambdaAuthorizer(explicit: false)))
        #expect(AuthorizationRefusal.lambdaAuthorizer(explicit: true).message == "User is not authorized to access this resource with an explicit deny")
        #expect(AuthorizationRefusal.lambdaAuthorizer(explicit: false).body == #"{"Message":"User is not authorized to access this resource"}"#)
    }

    /// "Amazon Cognito authentication and resource policy": an explicit allow is required.
    @Test func cognitoNeedsAnExplicitAllowFromTheResourcePolicy() {
        #expect(Self.decide(.cognito, .allow) == .allow)
        #expect(Self.decide(.cognito, .implicitDeny) == .refuse(.policy(.resourcePolicy, caller: .anonymous, resource: Self.arn, explicit: false)))
        #expect(Self.decide(.cognito, .explicitDeny) == .refuse(.policy(.resourcePolicy, caller: .anonymous, resource: Self.arn, explicit: true)))
    }

    /// The pre-authorizer phase: only explicit denials stop the request before the authorizer runs
    /// (the page's example: deny every caller not coming through `vpce-1a2b3c4d`).
    @Test func checksForExplicitDenialsBeforeTheAuthorizerRuns() throws {
        let policy = try PolicyCompiler.compile(Array(#"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke",
          "Resource":["arn:aws:execute-api:us-east-1:111111111111:a1b2c3/*"],"Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}]}
        """#.utf8), kind: .resource)
        func request(_ vpce: String?) -> PolicyRequest {
            PolicyRequest(principal: .anonymous, action: "execute-api:Invoke", resource: Self.arn,
                          context: vpce.map { PolicyContext(["aws:SourceVpce": $0]) } ?? PolicyContext())
        }
        #expect(Auth.beforeAuthorizer(resourcePolicy: policy, request: request("vpce-1a2b3c4d")) == nil)
        #expect(Auth.beforeAuthorizer(resourcePolicy: policy, request: request("vpce-other"))
            == .policy(.resourcePolicy, caller: .anonymous, resource: Self.arn, explicit: true))
        #expect(Auth.beforeAuthorizer(resourcePolicy: policy, request: request(nil)) != nil)
        #expect(Auth.beforeAuthorizer(resourcePolicy: nil, request: request(nil)) == nil)
        // The same policy after the authorizer allowed, from the endpoint: Table A, implicit + allow.
        #expect(Self.decide(.lambda(.allow), policy.evaluate(request("vpce-1a2b3c4d"))) == .allow)
    }
}
