import Testing
@testable import DataPlane
@testable import Shared

@Suite struct MethodArnPrefixTests {
    typealias F = PipelineFixtures

    /// The prefix plus the request's method and path is `ExecuteApiArn.method` byte for byte, for its
    /// own stage and (built whole) for any other.
    @Test(arguments: ["/", "/pets/7", "pets/7", "", "/a//b/"])
    func buildsTheSameARNAsExecuteApiArn(path: String) throws {
        let mock = Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                               integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        let stage = try F.invocation(try F.snapshot(F.content([("/pets/{id}", ["GET": F.method("GET", mock)])])),
                                     F.request("GET", "/prod/pets/7")).stage
        let whole = ExecuteApiArn.method(region: "eu-west-1", account: "123456789012", apiId: stage.restApiId, stage: stage.stageName,
                                         method: "DELETE", path: path)
        let own = MethodArnPrefix(region: "eu-west-1", account: "123456789012", restApiId: stage.restApiId, stageName: stage.stageName)
        #expect(String(decoding: own.methodArn(region: "eu-west-1", account: "123456789012", stage: stage, method: "DELETE", path: path),
                       as: UTF8.self) == whole)
        let other = MethodArnPrefix(region: "eu-west-1", account: "123456789012", restApiId: "zzz", stageName: "beta")
        #expect(String(decoding: other.methodArn(region: "eu-west-1", account: "123456789012", stage: stage, method: "DELETE", path: path),
                       as: UTF8.self) == whole)
    }
}
