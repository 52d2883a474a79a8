import Testing
@testable import Shared

/// AWS's documented example policies (API Gateway developer guide: "API Gateway resource policy
/// examples", "How API Gateway resource policies affect authorization workflow", "Control access
/// for invoking an API"; IAM user guide: "Policy evaluation logic"), evaluated.
@Suite struct CompiledPolicyTests {
    static let api = "arn:aws:execute-api:us-east-1:111111111111:a1b2c3"
    static let getPets = api + "/prod/GET/pets"
    static let postPets = api + "/prod/POST/pets"
    static let alice = PolicyPrincipal.aws(arn: "arn:aws:iam::222222222222:user/Alice", account: "222222222222")
    static let bob = PolicyPrincipal.aws(arn: "arn:aws:iam::222222222222:user/Bob", account: "222222222222")
    static let carol = PolicyPrincipal.aws(arn: "arn:aws:iam::333333333333:user/Carol", account: "333333333333")

    static func policy(_ text: String, kind: PolicyKind = .resource) throws -> CompiledPolicy {
        try PolicyCompiler.compile(Array(text.utf8), kind: kind)
    }

    static func decide(_ policy: CompiledPolicy, _ principal: PolicyPrincipal = .anonymous, _ resource: String = getPets,
                       _ context: [String: String] = [:], action: String = "execute-api:Invoke") -> PolicyDecision {
        policy.evaluate(PolicyRequest(principal: principal, action: action, resource: resource, context: PolicyContext(context)))
    }

    /// "Allow users in another AWS account to use an API": a user ARN and a bare account id.
    @Test func allowsAnotherAccountsUserAndRoot() throws {
        let policy = try Self.policy(#"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
          "Principal":{"AWS":["arn:aws:iam::222222222222:user/Alice","333333333333"]},
          "Action":"execute-api:Invoke","Resource":["arn:aws:execute-api:us-east-1:111111111111:a1b2c3/prod/GET/pets"]}]}
        """#)
        #expect(Self.decide(policy, Self.alice) == .allow)
        #expect(Self.decide(policy, Self.bob) == .implicitDeny)
        // The account id covers every principal of account 333333333333, its root included.
        #expect(Self.decide(policy, Self.carol) == .allow)
        #expect(Self.decide(policy, .aws(arn: "arn:aws:iam::333333333333:root", account: "333333333333")) == .allow)
        #expect(Self.decide(policy, .anonymous) == .implicitDeny)
        #expect(Self.decide(policy, Self.alice, Self.postPets) == .implicitDeny)
    }

    /// "Deny API traffic based on source IP address or range".
    @Test func deniesTrafficFromSourceIPRanges() throws {
        let policy = try Self.policy(#"""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":["arn:aws:execute-api:us-east-1:111111111111:a1b2c3/*"]},
          {"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":["arn:aws:execute-api:us-east-1:111111111111:a1b2c3/*"],
           "Condition":{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","198.51.100.0/24"]}}}]}
        """#)
        #expect(Self.decide(policy, .anonymous, Self.getPets, ["aws:SourceIp": "203.0.113.9"]) == .allow)
        #expect(Self.decide(policy, .anonymous, Self.getPets, ["aws:SourceIp": "192.0.2.44"]) == .explicitDeny)
        #expect(Self.decide(policy, .anonymous, Self.postPets, ["aws:SourceIp": "198.51.100.1"]) == .explicitDeny)
    }

    /// "Allow private API traffic based on source VPC endpoint" (allow all, deny other endpoints).
    @Test func allowsOnlyOneVPCEndpoint() throws {
        let policy = try Self.policy(#"""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":["arn:aws:execute-api:us-east-1:111111111111:a1b2c3/*"]},
          {"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":["arn:aws:execute-api:us-east-1:111111111111:a1b2c3/*"],
           "Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}]}
        """#)
        #expect(Self.decide(policy, .anonymous, Self.getPets, ["aws:SourceVpce": "vpce-1a2b3c4d"]) == .allow)
        #expect(Self.decide(policy, .anonymous, Self.getPets, ["aws:SourceVpce": "vpce-99999999"]) == .explicitDeny)
        // Not through an endpoint at all: the negated operator is true for an absent key.
        #expect(Self.decide(policy, .anonymous, Self.getPets) == .explicitDeny)
    }

    /// The authorization-flow page's "resource policy only" example: allow from two ranges.
    @Test func allowsOnlyListedRanges() throws {
        let policy = try Self.policy(#"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke",
          "Resource":"arn:aws:execute-api:us-east-1:111111111111:a1b2c3/*",
          "Condition":{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","198.51.100.0/24"]}}}]}
        """#)
        #expect(Self.decide(policy, .anonymous, Self.getPets, ["aws:SourceIp": "192.0.2.1"]) == .allow)
        #expect(Self.decide(policy, .anonymous, Self.getPets, ["aws:SourceIp": "10.0.0.1"]) == .implicitDeny)
        #expect(Self.decide(policy, .anonymous, Self.getPets) == .implicitDeny)
    }

    /// "Control access for invoking an API": allow GET, deny POST, on every stage.
    @Test func identityPolicyAllowsGetAndDeniesPost() throws {
        let policy = try Self.policy(#"""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["execute-api:Invoke"],"Resource":["arn:aws:execute-api:us-east-1:*:a1b2c3/*/GET/pets"]},
          {"Effect":"Deny","Action":["execute-api:Invoke"],"Resource":["arn:aws:execute-api:us-east-1:*:a1b2c3/*/POST/pets"]}]}
        """#, kind: .identity)
        #expect(Self.decide(policy, Self.alice, Self.getPets) == .allow)
        #expect(Self.decide(policy, Self.alice, Self.postPets) == .explicitDeny)
        #expect(Self.decide(policy, Self.alice, Self.api + "/prod/GET/pets/1") == .implicitDeny)
        // Identity policies ignore who the principal is: they are attached to it.
        #expect(Self.decide(policy, .anonymous, Self.getPets) == .allow)
    }

    /// "…for any developer in the test stage": two actions, every API and region.
    @Test func allowsEveryMethodOfTheTestStage() throws {
        let policy = try Self.policy(#"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["execute-api:Invoke","execute-api:InvalidateCache"],
          "Resource":["arn:aws:execute-api:*:*:*/test/*"]}]}
        """#, kind: .identity)
        #expect(Self.decide(policy, Self.alice, "arn:aws:execute-api:eu-west-1:444444444444:zz/test/PUT/a/b") == .allow)
        #expect(Self.decide(policy, Self.alice, "arn:aws:execute-api:eu-west-1:444444444444:zz/test/PUT/a/b", action: "execute-api:invalidatecache") == .allow)
        #expect(Self.decide(policy, Self.alice, "arn:aws:execute-api:eu-west-1:444444444444:zz/test/PUT/a/b", action: "execute-api:ManageConnections") == .implicitDeny)
        #expect(Self.decide(policy, Self.alice, Self.getPets) == .implicitDeny)
    }

    /// IAM's evaluation logic: an explicit deny overrides any allow, whatever the statement order.
    @Test func anExplicitDenyWinsWhereverItIs() throws {
        for order in [["Allow", "Deny"], ["Deny", "Allow"]] {
            let statements = order.map { #"{"Effect":""# + $0 + #"","Principal":"*","Action":"execute-api:*","Resource":"*"}"# }
            let policy = try Self.policy(#"{"Version":"2012-10-17","Statement":["# + statements.joined(separator: ",") + "]}")
            #expect(Self.decide(policy) == .explicitDeny)
            #expect(policy.deniesExplicitly(PolicyRequest(principal: .anonymous, action: "execute-api:Invoke", resource: Self.getPets)))
        }
    }

    @Test func notPrincipalNotActionAndNotResourceInvert() throws {
        let policy = try Self.policy(#"""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},
          {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::222222222222:user/Alice"},"Action":"execute-api:Invoke","Resource":"*"},
          {"Effect":"Deny","Principal":"*","NotAction":"execute-api:Invoke","Resource":"*"},
          {"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","NotResource":"arn:aws:execute-api:us-east-1:111111111111:a1b2c3/prod/*"}]}
        """#)
        #expect(Self.decide(policy, Self.alice) == .allow)
        #expect(Self.decide(policy, Self.bob) == .explicitDeny)
        #expect(Self.decide(policy, .anonymous) == .explicitDeny)
        #expect(Self.decide(policy, Self.alice, Self.getPets, action: "execute-api:InvalidateCache") == .explicitDeny)
        #expect(Self.decide(policy, Self.alice, Self.api + "/test/GET/pets") == .explicitDeny)
    }

    @Test func principalTypesBeyondAWSMatchByTypeAndValue() throws {
        let policy = try Self.policy(#"""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com","Federated":"*"},"Action":"*","Resource":"*"}]}
        """#)
        #expect(Self.decide(policy, .other(type: "Service", identifier: "lambda.amazonaws.com")) == .allow)
        #expect(Self.decide(policy, .other(type: "Service", identifier: "s3.amazonaws.com")) == .implicitDeny)
        #expect(Self.decide(policy, .other(type: "Federated", identifier: "cognito-identity.amazonaws.com")) == .allow)
        #expect(Self.decide(policy, .anonymous) == .implicitDeny)
        #expect(Self.decide(policy, Self.alice) == .implicitDeny)
    }

    @Test func awsStarNamesEveryoneIncludingAnonymousCallers() throws {
        let policy = try Self.policy(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"execute-api:Invoke","Resource":"*"}}"#)
        #expect(Self.decide(policy, .anonymous) == .allow)
        #expect(Self.decide(policy, Self.carol) == .allow)
    }

    @Test func actionsCompareCaseInsensitively() throws {
        let policy = try Self.policy(#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"Execute-API:invoke","Resource":"*"}}"#)
        #expect(Self.decide(policy, .anonymous, Self.getPets, action: "EXECUTE-API:INVOKE") == .allow)
        #expect(Self.decide(policy, .anonymous, Self.getPets, action: "execute-api:InvokeX") == .implicitDeny)
    }

    @Test func principalDerivedKeysFillTheContext() throws {
        let policy = try Self.policy(#"""
        {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"execute-api:Invoke",
          "Resource":"arn:aws:execute-api:us-east-1:111111111111:a1b2c3/prod/GET/users/${aws:username}",
          "Condition":{"StringEquals":{"aws:PrincipalAccount":"222222222222"},"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/*"}}}}
        """#, kind: .identity)
        #expect(Self.decide(policy, Self.alice, Self.api + "/prod/GET/users/Alice") == .allow)
        #expect(Self.decide(policy, Self.alice, Self.api + "/prod/GET/users/Bob") == .implicitDeny)
        #expect(Self.decide(policy, Self.carol, Self.api + "/prod/GET/users/Carol") == .implicitDeny)
    }

    /// A trailing `*` spans the colons after it, so a short ARN pattern compiles and covers every API.
    @Test func aShortTrailingStarResourceCoversEveryMethod() throws {
        let policy = try Self.policy(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*"}}"#,
                                     kind: .authorizer)
        #expect(Self.decide(policy, .anonymous, Self.getPets) == .allow)
        #expect(Self.decide(policy, .anonymous, "arn:aws:lambda:us-east-1:1:function:f") == .implicitDeny)
    }

    @Test func severalPoliciesCombineByIAMsLogic() {
        #expect(PolicyDecision.combining([.allow, .implicitDeny]) == .allow)
        #expect(PolicyDecision.combining([.allow, .explicitDeny]) == .explicitDeny)
        #expect(PolicyDecision.combining([.implicitDeny, .implicitDeny]) == .implicitDeny)
        #expect(PolicyDecision.combining([]) == .implicitDeny)
    }

    @Test func needsTheRequestContextForConditionsAndResourceVariablesOnly() throws {
        let plain = try Self.policy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"\#(Self.api)/*"}]}"#)
        let condition = try Self.policy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}"#)
        let variable = try Self.policy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"\#(Self.api)/prod/GET/${aws:UserAgent}"}]}"#)
        // 2008-10-17 has no policy variables: `${…}` there is literal text.
        let literal = try Self.policy(#"{"Version":"2008-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"\#(Self.api)/prod/GET/${aws:UserAgent}"}]}"#)
        #expect(!plain.needsContext)
        #expect(condition.needsContext)
        #expect(variable.needsContext)
        #expect(!literal.needsContext)
    }
}
