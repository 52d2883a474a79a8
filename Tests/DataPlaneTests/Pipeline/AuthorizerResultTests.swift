import Testing
@testable import DataPlane
@testable import Shared

@Suite struct AuthorizerResultTests {
    static let lambda = AuthorizerResult(principalId: "user-1", context: [("tier", "gold"), ("count", "7")])
    static let cognito = AuthorizerResult(principalId: nil, claims: [("email", "a@example.com"), ("sub", "u-1")])

    @Test func contextAuthorizerNamesPrincipalContextAndClaims() {
        #expect(Self.lambda.value("principalId") == "user-1")
        #expect(Self.lambda.value("tier") == "gold")
        #expect(Self.lambda.value("missing") == nil)
        #expect(Self.cognito.value("claims.email") == "a@example.com")
        #expect(Self.cognito.value("principalId") == nil)
    }

    @Test func proxyEventsGetPrincipalContextAndLatencyOrClaims() {
        #expect(Self.lambda.proxyEventValue(integrationLatencyMillis: 12).serialized()
                == #"{"principalId":"user-1","tier":"gold","count":"7","integrationLatency":12}"#)
        #expect(Self.cognito.proxyEventValue(integrationLatencyMillis: 0).serialized() == #"{"claims":{"email":"a@example.com","sub":"u-1"}}"#)
    }

    @Test func parameterMappingReadsContextAuthorizer() throws {
        let content = PipelineFixtures.content([("/pets", ["GET": PipelineFixtures.method("GET", Integration(type: "MOCK"))])])
        var invocation = try PipelineFixtures.invocation(try PipelineFixtures.snapshot(content), PipelineFixtures.request("GET", "/prod/pets"))
        #expect(invocation.contextVariable("authorizer.principalId") == nil)
        invocation.authorizer = Self.lambda
        #expect(invocation.contextVariable("authorizer.principalId") == "user-1")
        #expect(invocation.contextVariable("authorizer.count") == "7")
    }
}
