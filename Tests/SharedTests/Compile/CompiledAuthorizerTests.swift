import Testing
@testable import Shared

@Suite struct CompiledAuthorizerTests {
    static let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations"

    static func compile(type: String = "REQUEST", source: String?, expression: String? = nil, ttl: Int? = nil,
                        variables: [String: String]? = ["fn": "auth"]) throws(CompiledAuthorizer.Failure) -> CompiledAuthorizer {
        try CompiledAuthorizer.compile(Authorizer(id: "a1", name: "a", type: type, providerARNs: type == "COGNITO_USER_POOLS" ? ["arn:p"] : nil,
                                                  authorizerUri: Self.uri, identitySource: source, identityValidationExpression: expression,
                                                  authorizerResultTtlInSeconds: ttl), variables: variables)
    }

    @Test func parsesEveryIdentitySourceFormInOrder() throws {
        let compiled = try Self.compile(source: "method.request.header.X-A, method.request.querystring.q,stageVariables.s, context.identity.sourceIp")
        #expect(compiled.identitySources == [.header("X-A"), .query("q"), .stageVariable("s"), .context("identity.sourceIp")])
        #expect(compiled.function == "arn:aws:lambda:us-east-1:123456789012:function:auth")
        #expect(compiled.ttlSeconds == 300)
    }

    @Test(arguments: ["method.request.path.id", "context.requestId", "header.X", "method.request.header.", "method.request.header.a b"])
    func refusesIdentitySourcesTheNodeCannotRead(_ source: String) {
        #expect(throws: CompiledAuthorizer.Failure.self) { try Self.compile(source: source) }
    }

    @Test func tokenAndCognitoTakeExactlyOneHeader() throws {
        #expect(throws: CompiledAuthorizer.Failure.self) { try Self.compile(type: "TOKEN", source: "method.request.querystring.t") }
        #expect(throws: CompiledAuthorizer.Failure.self) { try Self.compile(type: "TOKEN", source: nil) }
        #expect(try Self.compile(type: "COGNITO_USER_POOLS", source: "method.request.header.Authorization").kind == .cognito(providerARNs: ["arn:p"]))
    }

    @Test func validationExpressionMatchesTheWholeToken() throws {
        let compiled = try Self.compile(type: "TOKEN", source: "method.request.header.Authorization", expression: "Bearer [a-z]+")
        #expect(compiled.validationExpression?.search("Bearer abc") == .match)
        #expect(compiled.validationExpression?.search("xBearer abc") == .noMatch)
        #expect(compiled.validationExpression?.search("Bearer abc1") == .noMatch)
        #expect(throws: CompiledAuthorizer.Failure.self) {
            try Self.compile(type: "TOKEN", source: "method.request.header.Authorization", expression: "(")
        }
    }

    @Test func requestAuthorizersIgnoreTheValidationExpressionAsAWSDoes() throws {
        #expect(try Self.compile(source: "method.request.header.A", expression: "x").validationExpression == nil)
    }

    @Test func uriMustNameAFunction() {
        #expect(throws: CompiledAuthorizer.Failure.invalidUri(Self.uri)) { try Self.compile(source: nil, variables: ["fn": "a/b"]) }
    }

    @Test func ttlZeroIsKept() throws {
        #expect(try Self.compile(source: nil, ttl: 0).ttlSeconds == 0)
    }
}
