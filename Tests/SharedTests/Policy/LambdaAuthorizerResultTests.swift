import Testing
@testable import Shared

@Suite struct LambdaAuthorizerResultTests {
    static let method = ExecuteApiArn.method(region: "us-east-1", account: "123456789012", apiId: "a1b2c3",
                                             stage: "prod", method: "GET", path: "/pets/1")

    static func parse(_ text: String) throws(LambdaAuthorizerResult.Failure) -> LambdaAuthorizerResult {
        try LambdaAuthorizerResult.parse(Array(text.utf8))
    }

    @Test func buildsMethodARNsAsAPIGatewayDoes() {
        #expect(Self.method == "arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/pets/1")
        #expect(ExecuteApiArn.method(region: "r", account: "1", apiId: "a", stage: "s", method: "GET", path: "/") == "arn:aws:execute-api:r:1:a/s/GET/")
    }

    /// The output example of "Output from an API Gateway Lambda authorizer".
    @Test func readsTheDocumentedOutput() throws {
        let result = try Self.parse(#"""
        {"principalId":"yyyyyyyy","policyDocument":{"Version":"2012-10-17","Statement":[
          {"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/*"}]},
         "context":{"stringKey":"value","numberKey":1,"booleanKey":true,"decimal":1.5},"usageIdentifierKey":"key-1"}
        """#)
        #expect(result.principalId == "yyyyyyyy")
        #expect(result.usageIdentifierKey == "key-1")
        #expect(result.context.map(\.key) == ["stringKey", "numberKey", "booleanKey", "decimal"])
        #expect(result.context.map(\.value) == ["value", "1", "true", "1.5"])
        #expect(result.decision(for: Self.method) == .allow)
        // The cached policy answers other methods by the same statements.
        #expect(result.decision(for: Self.method.replacingGET(with: "POST")) == .implicitDeny)
    }

    @Test func anExplicitDenyInTheReturnedPolicyWins() throws {
        let result = try Self.parse(#"""
        {"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[
          {"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:*:*:a1b2c3/*/*/*"},
          {"Action":["execute-api:Invoke"],"Effect":"Deny","Resource":["arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/pets/*"]}]}}
        """#)
        #expect(result.decision(for: Self.method) == .explicitDeny)
        #expect(result.decision(for: ExecuteApiArn.method(region: "us-east-1", account: "123456789012", apiId: "a1b2c3",
                                                          stage: "prod", method: "GET", path: "/cats")) == .allow)
        #expect(result.context.isEmpty && result.usageIdentifierKey == nil)
    }

    @Test(arguments: [
        ("not json", LambdaAuthorizerResult.Failure.notJSON),
        ("[]", .notAnObject),
        (#"{"policyDocument":{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}}"#, .missingPrincipalId),
        (#"{"principalId":7,"policyDocument":{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}}"#, .missingPrincipalId),
        (#"{"principalId":"u"}"#, .missingPolicyDocument),
        (#"{"principalId":"u","policyDocument":"{}"}"#, .missingPolicyDocument),
        (#"{"principalId":"u","policyDocument":{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}},"context":{"o":{"a":1}}}"#,
         .invalidContextValue(key: "o")),
        (#"{"principalId":"u","policyDocument":{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}},"context":{"l":[1]}}"#,
         .invalidContextValue(key: "l")),
        (#"{"principalId":"u","policyDocument":{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}},"usageIdentifierKey":5}"#,
         .invalidUsageIdentifierKey),
    ])
    func refusesMalformedOutput(text: String, expected: LambdaAuthorizerResult.Failure) {
        #expect(throws: expected) { try Self.parse(text) }
    }

    @Test func refusesAPolicyTheCompilerRefuses() {
        do {
            _ = try Self.parse(#"{"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"execute-api:Invoke","Resource":"*"}]}}"#)
            Issue.record("accepted a lower-case effect")
        } catch {
            guard case .invalidPolicy(let compileError) = error else { Issue.record("\(error)"); return }
            #expect(compileError.reason == .effectCase("allow"))
            #expect(compileError.kind == .authorizer)
        }
    }
}

extension String {
    fileprivate func replacingGET(with verb: String) -> String {
        guard let range = firstRange(of: "/GET/") else { return self }
        return replacingCharacters(in: range, with: "/\(verb)/")
    }
}
