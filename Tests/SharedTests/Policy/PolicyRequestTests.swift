import Testing
@testable import Shared

@Suite struct PolicyRequestTests {
    @Test(arguments: [
        ("arn:aws:iam::123456789012:user/Bob", "Bob"), ("arn:aws:iam::123456789012:user/division/team/Alice", "Alice"),
        ("arn:aws:iam::123456789012:user/a/", ""), ("arn:aws:iam::123456789012:role/Bob", nil),
        ("arn:aws:iam::123456789012:root", nil), ("arn:aws-cn:iam::1:user/x:user/y", "y"), ("", nil),
    ] as [(String, String?)])
    func theUserNameIsTheLastPartOfAUserARNsPath(arn: String, name: String?) {
        #expect(PolicyRequest.userName(inARN: arn) == name)
    }

    @Test(arguments: [
        ("arn:aws:iam::1:user/a", "aws"), ("arn:aws-cn:iam::1:root", "aws-cn"), ("arn::iam::1:root", nil),
        ("arn:xyz", "xyz"), ("nocolon", nil),
    ] as [(String, String?)])
    func thePartitionIsTheARNsSecondField(arn: String, partition: String?) {
        #expect(PolicyRequest.partition(ofARN: arn) == partition)
    }

    @Test func anIAMCallerGetsItsDerivedKeysUnlessTheBuilderSetThem() {
        let bob = PolicyPrincipal.aws(arn: "arn:aws-cn:iam::123456789012:user/team/Bob", account: "123456789012")
        let request = PolicyRequest(principal: bob, action: "execute-api:Invoke", resource: "arn:aws:execute-api:x")
        #expect(request.context.values(for: "aws:username") == [Array("Bob".utf8)])
        #expect(request.context.values(for: "aws:PrincipalArn") == [Array("arn:aws-cn:iam::123456789012:user/team/Bob".utf8)])
        #expect(request.context.values(for: "aws:PrincipalAccount") == [Array("123456789012".utf8)])
        #expect(request.principalRootARN == "arn:aws-cn:iam::123456789012:root")
        let preset = PolicyRequest(principal: bob, action: "a", resource: "r", context: PolicyContext(["aws:username": "other"]))
        #expect(preset.context.values(for: "aws:username") == [Array("other".utf8)])
    }

    @Test func theTimeKeysAreWrittenOnlyWhenReadAndYieldToExplicitValues() {
        var context = PolicyContext()
        context.setTime(epochSeconds: 1_764_640_301)
        #expect(context.values(for: "aws:CurrentTime") == [Array("2025-12-02T01:51:41Z".utf8)])
        #expect(context.values(forLowercasedKey: "aws:epochtime") == [Array("1764640301".utf8)])
        context.set("aws:CurrentTime", "2020-01-01T00:00:00Z")
        #expect(context.values(for: "aws:currenttime") == [Array("2020-01-01T00:00:00Z".utf8)])
        context.remove("aws:EpochTime")
        #expect(context.values(for: "aws:EpochTime") == nil)
        context.setTime(epochSeconds: 0)
        #expect(context.values(for: "aws:CurrentTime") == [Array("1970-01-01T00:00:00Z".utf8)])
        #expect(context.values(for: "aws:EpochTime") == [Array("0".utf8)])
    }

    /// The prepared form (principal keys derived once, action lowered once, resource as bytes) is
    /// the same request as the one-call initialiser builds, whatever the principal and the context.
    @Test(arguments: [
        PolicyPrincipal.aws(arn: "arn:aws-cn:iam::123456789012:user/team/Bob", account: "123456789012"),
        .aws(arn: "arn:aws:iam::123456789012:role/Deployer", account: "123456789012"),
        .anonymous, .other(type: "Service", identifier: "lambda.amazonaws.com"),
    ])
    func aPreparedRequestIsTheSameRequest(principal: PolicyPrincipal) {
        let action = "Execute-API:Invoke", resource = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets/7"
        for context in [PolicyContext(["aws:SourceIp": "203.0.113.7"]), PolicyContext(["aws:username": "other", "aws:PrincipalArn": "x"])] {
            let prepared = PolicyRequest(principal: PolicyRequest.Principal(principal), loweredAction: PolicyRequest.lowered(action: action),
                                         resource: Array(resource.utf8), context: context)
            #expect(prepared == PolicyRequest(principal: principal, action: action, resource: resource, context: context))
        }
    }
}
