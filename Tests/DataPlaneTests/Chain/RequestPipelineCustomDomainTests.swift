import Testing
@testable import DataPlane
@testable import Shared

/// Routing by a custom domain name's base path mappings (`RequestPipeline.resolve`).
@Suite struct RequestPipelineCustomDomainTests {
    typealias F = PipelineFixtures
    typealias T = RequestPipelineTests

    static let domains = [
        SnapshotDomainName(domainName: "api.example.com", endpointType: "REGIONAL", securityPolicy: "TLS_1_2", mappings: [
            SnapshotBasePathMapping(basePath: "v1", restApiId: F.apiId, stage: "prod"),
            SnapshotBasePathMapping(basePath: "any", restApiId: F.apiId, stage: nil),
            SnapshotBasePathMapping(basePath: "gone", restApiId: F.apiId, stage: "deleted"),
            SnapshotBasePathMapping(basePath: "other", restApiId: "nosuchapi1", stage: "prod"),
        ]),
        SnapshotDomainName(domainName: "root.example.com", endpointType: "EDGE", securityPolicy: "TLS_1_2", mappings: [
            SnapshotBasePathMapping(basePath: "", restApiId: F.apiId, stage: "prod"),
        ]),
    ]

    static func snapshot(disableExecuteApi: Bool = false) throws -> CompiledSnapshot {
        var content = T.content
        content.api.disableExecuteApiEndpoint = disableExecuteApi
        let stage = Stage(deploymentId: "dep123", stageName: "prod", createdDate: 0, lastUpdatedDate: 0)
        return try SnapshotCompiler.compile(Snapshot(revision: 42, stages: [SnapshotStage(restApiId: F.apiId, stage: stage, deployment: content)],
                                                     apiKeys: [], usagePlans: [], account: Account(), nodes: [], domainNames: domains))
    }

    static func get(_ target: String, host: String, disableExecuteApi: Bool = false) throws -> HTTPResponse {
        T.run(F.request("GET", target, host: host), snapshot: try snapshot(disableExecuteApi: disableExecuteApi))
    }

    @Test(arguments: [
        ("/v1/mock", "api.example.com"), ("/v1/mock/", "API.EXAMPLE.COM:443"), ("/any/prod/mock", "api.example.com"),
        ("/mock", "root.example.com"), ("/mock", "root.example.com."),
    ])
    func theMappedStageServesThePathAfterTheBasePath(target: String, host: String) throws {
        let response = try Self.get(target, host: host)
        #expect(response.status == 200)
        #expect(T.text(response) == "hi")
    }

    @Test(arguments: ["/mock", "/v2/mock", "/", "/V1/mock"])
    func aPathNoMappingMatchesIs403Forbidden(target: String) throws {
        let response = try Self.get(target, host: "api.example.com")
        #expect(response.status == 403)
        #expect(T.text(response) == #"{"message":"Forbidden"}"#)
        #expect(response.headers["x-amzn-ErrorType"] == "ForbiddenException")
    }

    @Test(arguments: ["/gone/mock", "/other/mock"])
    func aMappingToAnUndeployedStageOrApiIs403Forbidden(target: String) throws {
        let response = try Self.get(target, host: "api.example.com")
        #expect(response.status == 403)
        #expect(T.text(response) == #"{"message":"Forbidden"}"#)
    }

    @Test(arguments: ["/any/nostage/mock", "/any", "/any/", "/v1/nothing", "/v1"])
    func anUnknownStageOrRouteBehindAMappingIsMissingAuthenticationToken(target: String) throws {
        let response = try Self.get(target, host: "api.example.com")
        #expect(response.status == 403)
        #expect(T.text(response) == #"{"message":"Missing Authentication Token"}"#)
    }

    @Test func aDisabledExecuteApiEndpointStillServesTheCustomDomain() throws {
        #expect(try Self.get("/prod/mock", host: "abc123defg.execute-api.localhost:8080", disableExecuteApi: true).status == 403)
        #expect(try Self.get("/v1/mock", host: "api.example.com", disableExecuteApi: true).status == 200)
    }

    @Test func otherHostsKeepTheInvokeUrlRoutingAndHealth() throws {
        #expect(try Self.get("/prod/mock", host: "abc123defg.execute-api.localhost:8080").status == 200)
        #expect(try Self.get("/_tollgate/health", host: "api.example.com").status == 200)
        #expect(try Self.get("/prod/mock", host: "unknown.example.com").status == 404)
    }
}
