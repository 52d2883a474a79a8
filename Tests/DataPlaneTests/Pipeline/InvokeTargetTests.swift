import Testing
@testable import DataPlane

@Suite struct InvokeTargetTests {
    @Test(arguments: [
        ("abc123.execute-api.localhost:4566", "/prod/pets/1", "abc123", "prod", "/pets/1"),
        ("ABC123.Execute-Api.us-east-1.amazonaws.com", "/prod", "ABC123", "prod", ""),
        ("abc123.execute-api.localhost", "/prod/", "abc123", "prod", "/"),
        ("abc123.execute-api.example.com", "/prod//hardcoded", "abc123", "prod", "//hardcoded"),
    ])
    func resolvesHostStyle(host: String, path: String, api: String, stage: String, rest: String) {
        #expect(InvokeTarget.resolve(host: host, path: path[...]) == .api(restApiId: api[...], stage: stage[...], path: rest[...], style: .host))
    }

    @Test(arguments: [
        ("/restapis/abc123/prod/_user_request_/pets/1", "abc123", "prod", "/pets/1"),
        ("/restapis/abc123/prod/_user_request_", "abc123", "prod", ""),
        ("/restapis/abc123/prod/_user_request_/", "abc123", "prod", "/"),
        ("/_aws/execute-api/abc123/dev/a/b", "abc123", "dev", "/a/b"),
    ])
    func resolvesPathStyle(path: String, api: String, stage: String, rest: String) {
        #expect(InvokeTarget.resolve(host: "localhost:8080", path: path[...]) == .api(restApiId: api[...], stage: stage[...], path: rest[...], style: .path))
    }

    @Test func healthIsReservedOnEveryHost() {
        #expect(InvokeTarget.resolve(host: "abc.execute-api.localhost", path: "/_tollgate/health") == .health)
        #expect(InvokeTarget.resolve(host: nil, path: "/_tollgate/health") == .health)
    }

    @Test func anApiWithoutAStageIsAMissingStage() {
        #expect(InvokeTarget.resolve(host: "abc.execute-api.localhost", path: "/") == .missingStage(restApiId: "abc"))
        #expect(InvokeTarget.resolve(host: "abc.execute-api.localhost", path: "") == .missingStage(restApiId: "abc"))
        #expect(InvokeTarget.resolve(host: nil, path: "/restapis/abc") == .missingStage(restApiId: "abc"))
    }

    @Test(arguments: [
        ("localhost:8080", "/prod/pets"),
        ("execute-api.localhost", "/prod/pets"),
        ("abc.execute-api", "/prod"),
        ("a.b.execute-api.localhost", "/prod"),
        ("abc.execute-api.", "/prod"),
        ("abc.execute-apix.localhost", "/prod"),
        ("\u{e9}bc.execute-api.localhost", "/prod"),
        ("abc.execute-ap\u{ee}.localhost", "/prod"),
        (".execute-api.localhost", "/prod"),
        ("localhost", "/restapis/abc/prod/pets"),
        ("localhost", "/restapis//prod/_user_request_/"),
        ("localhost", "/restapis/abc/prod/_user_request_x"),
    ])
    func otherRequestsNameNoApi(host: String, path: String) {
        #expect(InvokeTarget.resolve(host: host, path: path[...]) == .noApi)
    }
}
