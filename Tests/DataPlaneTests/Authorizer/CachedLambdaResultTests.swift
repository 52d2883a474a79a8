import Testing
@testable import DataPlane
@testable import Shared

/// A cached Lambda authorizer result decides each method ARN as its policy does, keeps decisions
/// only for policies that need no request keys, and keeps at most `decisionLimit` of them.
@Suite struct CachedLambdaResultTests {
    typealias Cached = AuthorizerRuntime.CachedLambdaResult
    static let prefix = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/"

    static func cached(_ statements: String) throws -> Cached {
        Cached(try LambdaAuthorizerResult.parse(Array(#"""
        {"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[\#(statements)]}}
        """#.utf8)))
    }

    static let allowGetDenyAdmin = #"""
    {"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/*"},
    {"Action":"execute-api:Invoke","Effect":"Deny","Resource":"arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/admin/*"}
    """#

    @Test func decidesEachMethodArnAsThePolicyDoesAndKeepsTheDecisions() throws {
        let cached = try Self.cached(Self.allowGetDenyAdmin)
        let table: [(String, PolicyDecision)] = [
            ("GET/pets/1", .allow), ("GET/admin/users", .explicitDeny), ("POST/pets", .implicitDeny),
        ]
        // Twice: the second round answers from the kept decisions, which must be the same ones.
        for _ in 0..<2 {
            for (path, expected) in table {
                #expect(cached.decision(for: Self.prefix + path) { PolicyContext() } == expected, "\(path)")
                #expect(cached.result.decision(for: Self.prefix + path) == expected)
            }
        }
        #expect(cached.keptDecisions == 3)
    }

    @Test func keepsAtMostTheLimitAndStillDecidesTheRest() throws {
        let cached = try Self.cached(Self.allowGetDenyAdmin)
        for n in 0..<(Cached.decisionLimit + 10) {
            #expect(cached.decision(for: Self.prefix + "GET/pets/\(n)") { PolicyContext() } == .allow)
        }
        #expect(cached.keptDecisions == Cached.decisionLimit)
        #expect(cached.decision(for: Self.prefix + "GET/admin/\(Cached.decisionLimit + 5)") { PolicyContext() } == .explicitDeny)
    }

    /// A condition makes the decision depend on the request: evaluated every time with the
    /// request's keys, never kept.
    @Test func aPolicyWithConditionsIsEvaluatedForEveryRequest() throws {
        let cached = try Self.cached(#"""
        {"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}
        """#)
        var inside = PolicyContext()
        inside.set("aws:SourceIp", "10.1.2.3")
        var outside = PolicyContext()
        outside.set("aws:SourceIp", "192.0.2.1")
        let arn = Self.prefix + "GET/pets/1"
        #expect(cached.decision(for: arn) { inside } == .allow)
        #expect(cached.decision(for: arn) { outside } == .implicitDeny)
        #expect(cached.decision(for: arn) { inside } == .allow)
        #expect(cached.keptDecisions == 0)
    }
}
