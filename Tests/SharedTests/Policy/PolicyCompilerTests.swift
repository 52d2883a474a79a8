import Testing
@testable import Shared

@Suite struct PolicyCompilerTests {
    static func compile(_ text: String, kind: PolicyKind = .identity, apiARN: String? = nil,
                        limits: PolicyLimits = .default) throws(PolicyCompileError) -> CompiledPolicy {
        try PolicyCompiler.compile(Array(text.utf8), kind: kind, apiARN: apiARN, limits: limits)
    }

    static func reason(_ text: String, kind: PolicyKind = .identity) -> PolicyCompileError.Reason? {
        do {
            _ = try compile(text, kind: kind)
            return nil
        } catch {
            return error.reason
        }
    }

    static func statement(_ body: String) -> String { #"{"Version":"2012-10-17","Statement":{"# + body + "}}" }

    @Test func acceptsAStatementObjectOrAList() throws {
        let single = try Self.compile(Self.statement(#""Effect":"Allow","Action":"execute-api:Invoke","Resource":"*""#))
        #expect(single.statements.count == 1 && single.version == .current)
        let list = try Self.compile(#"{"Version":"2008-10-17","Id":"p1","Statement":[{"Sid":"a","Effect":"Allow","Action":["execute-api:*"],"Resource":["*"]},{"Sid":"b","Effect":"Deny","NotAction":"s3:*","NotResource":"arn:aws:s3:::x"}]}"#)
        #expect(list.statements.count == 2 && list.version == .legacy && list.id == "p1")
        #expect(list.statements.map(\.sid) == ["a", "b"])
        // No Version: the 2008-10-17 language (variables are literal text).
        #expect(try Self.compile(#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#).version == .legacy)
    }

    /// Malformed documents and the reason (and so the IAM message) each gets.
    @Test(arguments: [
        ("not json", PolicyCompileError.Reason.syntax("")),
        ("[]", .syntax("")),
        (#"{"Version":"2012-10-17"}"#, .syntax("")),
        (#"{"Version":"2012-10-17","Statement":[]}"#, .syntax("")),
        (#"{"Version":"2012-10-17","Statement":"x"}"#, .syntax("")),
        (#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"},"Extra":1}"#, .syntax("")),
        (#"{"Version":"2012-10-18","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#, .unsupportedVersion("2012-10-18")),
        (#"{"Version":2012,"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#, .syntax("")),
        (PolicyCompilerTests.statement(#""Effect":"allow","Action":"*","Resource":"*""#), .effectCase("allow")),
        (PolicyCompilerTests.statement(#""Effect":"Permit","Action":"*","Resource":"*""#), .syntax("")),
        (PolicyCompilerTests.statement(#""Action":"*","Resource":"*""#), .syntax("")),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Resource":"*""#), .missingActions),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":[],"Resource":"*""#), .missingActions),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":"*""#), .missingResources),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":"*","Resource":[]"#), .missingResources),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":"*","NotAction":"s3:x","Resource":"*""#), .syntax("")),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":"*","Resource":"*","NotResource":"*""#), .syntax("")),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":"Invoke","Resource":"*""#), .actionWithoutVendor("Invoke")),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":"execute-api:Invoke:x","Resource":"*""#), .actionWithSeveralColons("execute-api:Invoke:x")),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":"exec/api:Invoke","Resource":"*""#), .invalidVendor("exec/api")),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":[1],"Resource":"*""#), .syntax("")),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":"*","Resource":"bucket""#), .resourceNotARN("bucket")),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":"*","Resource":"execute-api:/*""#), .resourceNotARN("execute-api:/*")),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Principal":"*","Action":"*","Resource":"*""#), .principalInIdentityPolicy),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualz":{"k":"v"}}"#), .unknownConditionOperator("StringEqualz")),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":"v"}"#), .syntax("")),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":{"a":1}}}"#), .syntax("")),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":[]}}"#), .syntax("")),
        (PolicyCompilerTests.statement(#""Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"soon"}}"#),
         .invalidConditionValue(operator: "DateLessThan", value: "soon")),
        (#"{"Version":"2012-10-17","Statement":[{"Sid":"x","Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"x","Effect":"Deny","Action":"*","Resource":"*"}]}"#,
         .duplicateSid("x")),
    ])
    func refusesMalformedDocuments(text: String, expected: PolicyCompileError.Reason) {
        let reason = Self.reason(text)
        if case .syntax = expected {
            guard case .syntax? = reason else { Issue.record("\(text): \(String(describing: reason))"); return }
        } else {
            #expect(reason == expected, "\(text)")
        }
    }

    @Test func identityErrorsCarryIAMsMessages() {
        func message(_ text: String) -> String? {
            do { _ = try Self.compile(text); return nil } catch { return "\(error.errorCode): \(error.message)" }
        }
        #expect(message("{") == "MalformedPolicyDocument: Syntax errors in policy.")
        #expect(message(Self.statement(#""Effect":"Allow","Resource":"*""#)) == "MalformedPolicyDocument: Policy statement must contain actions.")
        #expect(message(Self.statement(#""Effect":"Allow","Action":"*""#)) == "MalformedPolicyDocument: Policy statement must contain resources.")
        #expect(message(Self.statement(#""Effect":"Allow","Action":"*","Resource":"x""#))
            == #"MalformedPolicyDocument: Resource x must be in ARN format or "*"."#)
        #expect(message(Self.statement(#""Effect":"Allow","Action":"x","Resource":"*""#))
            == "MalformedPolicyDocument: Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")
        #expect(message(Self.statement(#""Effect":"Allow","Principal":"*","Action":"*","Resource":"*""#))
            == "MalformedPolicyDocument: Policy document should not specify a principal.")
        #expect(message(Self.statement(#""Effect":"allow","Action":"*","Resource":"*""#)) == "MalformedPolicyDocument: The policy failed legacy parsing")
    }

    @Test func resourcePolicyErrorsCarryApiGatewaysMessage() {
        let apiGateway = "Invalid policy document. Please check the policy syntax and ensure that Principals are valid."
        for text in ["{", Self.statement(#""Effect":"Allow","Action":"execute-api:Invoke","Resource":"*""#),
                     Self.statement(#""Effect":"Allow","Principal":{"AWS":"arn:aws:iam::*:user/x"},"Action":"*","Resource":"*""#),
                     Self.statement(#""Effect":"Allow","Principal":{"AWS":"alice"},"Action":"*","Resource":"*""#),
                     Self.statement(#""Effect":"Allow","Principal":{},"Action":"*","Resource":"*""#)] {
            do {
                _ = try Self.compile(text, kind: .resource)
                Issue.record("compiled \(text)")
            } catch {
                #expect(error.errorCode == "BadRequestException")
                #expect(error.message == apiGateway)
            }
        }
    }

    @Test func resourcePoliciesNeedAPrincipalButAuthorizerPoliciesDoNot() throws {
        let noPrincipal = Self.statement(#""Effect":"Allow","Action":"execute-api:Invoke","Resource":"*""#)
        #expect(Self.reason(noPrincipal, kind: .resource) == .invalidPrincipal("a statement names no Principal"))
        _ = try Self.compile(noPrincipal, kind: .authorizer)
        _ = try Self.compile(Self.statement(#""Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*""#), kind: .authorizer)
    }

    @Test func expandsTheExecuteApiShorthandInResourcePolicies() throws {
        let policy = try Self.compile(Self.statement(#""Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/GET/*""#),
                                      kind: .resource, apiARN: "arn:aws:execute-api:us-east-1:123456789012:a1b2c3")
        func decide(_ arn: String) -> PolicyDecision {
            policy.evaluate(PolicyRequest(principal: .anonymous, action: "execute-api:Invoke", resource: arn))
        }
        #expect(decide("arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/pets") == .allow)
        #expect(decide("arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/POST/pets") == .implicitDeny)
        #expect(decide("arn:aws:execute-api:us-east-1:123456789012:zzz/prod/GET/pets") == .implicitDeny)
    }

    @Test func repeatedKeysKeepTheLastValue() throws {
        let policy = try Self.compile(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}}"#)
        #expect(policy.statements[0].effect == .deny)
    }

    @Test func enforcesItsLimits() {
        var limits = PolicyLimits()
        limits.maxDocumentBytes = 64
        let long = Self.statement(#""Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:*""#)
        #expect(throws: PolicyCompileError.self) { try Self.compile(long, limits: limits) }
        limits = PolicyLimits()
        limits.maxStatements = 1
        let two = #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        #expect(throws: PolicyCompileError.self) { try Self.compile(two, limits: limits) }
        limits = PolicyLimits()
        limits.maxPatternBytes = 8
        #expect(throws: PolicyCompileError.self) { try Self.compile(Self.statement(#""Effect":"Allow","Action":"execute-api:Invoke","Resource":"*""#), limits: limits) }
        limits = PolicyLimits()
        limits.maxValuesPerElement = 2
        #expect(throws: PolicyCompileError.self) {
            try Self.compile(Self.statement(#""Effect":"Allow","Action":["a:a","a:b","a:c"],"Resource":"*""#), limits: limits)
        }
    }
}
