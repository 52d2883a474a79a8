import Testing
@testable import ControlPlane

@Suite struct TaggedResourceTests {
    @Test(arguments: [
        ("arn:aws:apigateway:us-east-1::/restapis/a1", TaggedResource.restApi("a1")),
        ("arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod", .stage(restApiId: "a1", name: "prod")),
        ("arn:aws-cn:apigateway:cn-north-1::/apikeys/k", .apiKey("k")),
        ("arn:aws:apigateway:us-east-1::/usageplans/p", .usagePlan("p")),
        ("arn:aws:apigateway:us-east-1::/domainnames/a.example.com", .domainName("a.example.com")),
        ("arn:aws:apigateway:us-east-1:123456789012:/domainnames/a.example.com+abc", .domainName("a.example.com")),
        ("arn:aws:apigateway:us-east-1::/vpclinks/v", .vpcLink("v")),
        ("arn:aws:apigateway:us-east-1::/clientcertificates/c", .clientCertificate("c")),
    ])
    func parsesEachTaggableKind(arn: String, expected: TaggedResource) throws {
        #expect(try TaggedResource(arn: arn) == expected)
    }

    @Test(arguments: ["", "arn:aws:apigateway:us-east-1::restapis/a", "arn:aws:lambda:us-east-1::/restapis/a",
                      "arn:aws:apigateway:::/restapis/a", "arn:aws:apigateway:us-east-1::/restapis/a/resources/r",
                      "arn:aws:apigateway:us-east-1::/restapis//stages/x", "arn:aws:apigateway:us-east-1::/models/m"])
    func refusesArnsThatNameNoTaggableResource(arn: String) {
        #expect(throws: AdminError.self) { try TaggedResource(arn: arn) }
    }
}
