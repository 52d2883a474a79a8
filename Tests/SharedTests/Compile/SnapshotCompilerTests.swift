import Testing
@testable import Shared

@Suite struct SnapshotCompilerTests {
    typealias F = CompileFixtures

    static let petStore = F.content([
        ("/", ["GET": F.method("GET", Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#]))]),
        ("/pets", ["GET": F.method("GET", F.proxy("http://backend.local:8080/pets")),
                   "POST": F.method("POST", F.proxy("http://backend.local:8080/pets", verb: "POST"), apiKeyRequired: true)]),
        ("/pets/{petId}", ["GET": F.method("GET", F.proxy("http://backend.local:8080/pets/{id}",
                                                          parameters: ["integration.request.path.id": "method.request.path.petId"]))]),
        ("/{proxy+}", ["ANY": F.method("ANY", F.proxy("https://${stageVariables.host}/{proxy}"))]),
    ])

    @Test func compilesStagesAndResolvesThemByApiIdAndStage() throws {
        let snapshot = F.snapshot([
            SnapshotStage(restApiId: "abc123defg", stage: F.stage("prod", variables: ["host": "prod.example"]), deployment: Self.petStore),
            SnapshotStage(restApiId: "abc123defg", stage: F.stage("dev", variables: ["host": "dev.example:8443"]), deployment: Self.petStore),
        ])
        let compiled = try SnapshotCompiler.compile(snapshot)
        guard case .found(let prod) = compiled.lookup(restApiId: "ABC123DEFG", stage: "prod") else {
            Issue.record("API ids match case-insensitively")
            return
        }
        #expect(prod.deploymentId == "dep001")
        #expect(prod.routes.count == 5)
        let (route, match) = try #require(prod.route(method: "GET", path: "/pets/7"))
        #expect(route.resourcePath == "/pets/{petId}")
        #expect(route.pathParameterNames == ["petId"])
        #expect(match.parameterValues == ["7"])
        #expect(prod.route(method: "POST", path: "/pets")?.route.apiKeyRequired == true)

        guard case .found(let dev) = compiled.lookup(restApiId: "abc123defg", stage: "dev") else {
            Issue.record("dev stage missing")
            return
        }
        let greedy = try #require(dev.route(method: "DELETE", path: "/x/y")).route
        guard case .http(let endpoint) = greedy.integration.target else {
            Issue.record("expected an HTTP target")
            return
        }
        #expect(endpoint.host == "dev.example")
        #expect(endpoint.port == 8443)
        #expect(endpoint.isTLS)
        #expect(endpoint.path == [.literal("/"), .parameter("proxy")])

        if case .unknownApi = compiled.lookup(restApiId: "nope", stage: "prod") {} else { Issue.record("unknown API") }
        if case .unknownStage = compiled.lookup(restApiId: "abc123defg", stage: "Prod") {} else { Issue.record("stage names are case-sensitive") }
    }

    @Test func aStageVariableThatBreaksTheUriMakesOnlyThatIntegrationMisconfigured() throws {
        let stage = try F.compileOne(Self.petStore, stage: F.stage("prod", variables: [:]))
        let greedy = try #require(stage.route(method: "GET", path: "/x")).route
        guard case .misconfigured = greedy.integration.target else {
            Issue.record("missing host variable should make the target misconfigured, got \(greedy.integration.target)")
            return
        }
        #expect(stage.route(method: "GET", path: "/pets") != nil)
    }

    @Test func validateAcceptsStageVariablesWithoutAStage() throws {
        try SnapshotCompiler.validate(Self.petStore)
        #expect(SnapshotCompiler.validationMessage(for: Self.petStore) == nil)
    }

    @Test func validationMessageIsTheAwsMessage() {
        let content = F.content([("/a", ["GET": F.method("GET", nil)])])
        #expect(SnapshotCompiler.validationMessage(for: content) == "No integration defined for method")
    }

    @Test func resolvesMethodSettingsPerRouteWithStageDefault() throws {
        var special = MethodSetting()
        special.throttlingRateLimit = 5
        special.throttlingBurstLimit = 2
        var stageWide = MethodSetting()
        stageWide.throttlingRateLimit = 100
        stageWide.throttlingBurstLimit = 50
        var root = MethodSetting()
        root.throttlingRateLimit = 1
        root.throttlingBurstLimit = 1
        let stage = try F.compileOne(Self.petStore, stage: F.stage("prod", variables: ["host": "h"],
                                                                  methodSettings: ["pets/GET": special, "*/*": stageWide, "~1/GET": root,
                                                                                   "pets/{petId}/*": root]))
        #expect(stage.route(method: "GET", path: "/pets")?.route.throttle == ThrottleLimits(rate: 5, burst: 2))
        #expect(stage.route(method: "GET", path: "/pets")?.route.methodSettingKey == "pets/GET")
        #expect(stage.route(method: "POST", path: "/pets")?.route.throttle == ThrottleLimits(rate: 100, burst: 50))
        #expect(stage.route(method: "GET", path: "/")?.route.throttle == ThrottleLimits(rate: 1, burst: 1))
        #expect(stage.route(method: "GET", path: "/pets/1")?.route.methodSettingKey == "pets/{petId}/*")
        #expect(stage.route(method: "GET", path: "/pets")?.route.usagePlanMethodKey == "/pets/GET")
        #expect(stage.route(method: "GET", path: "/")?.route.usagePlanMethodKey == "//GET")
        let bare = try F.compileOne(Self.petStore, stage: F.stage("prod", variables: ["host": "h"]))
        #expect(bare.route(method: "GET", path: "/pets")?.route.throttle == nil)
    }

    @Test func indexesApiKeysAndUsagePlans() throws {
        let plan = UsagePlan(id: "plan01", name: "gold",
                             apiStages: [ApiStage(apiId: "abc123defg", stage: "prod",
                                                  throttle: ["/pets/GET": ThrottleSettings(burstLimit: 3, rateLimit: 1.5)])],
                             throttle: ThrottleSettings(burstLimit: 20, rateLimit: 10),
                             quota: QuotaSettings(limit: 1000, offset: 5, period: "WEEK"))
        let snapshot = F.snapshot(
            [SnapshotStage(restApiId: "abc123defg", stage: F.stage("prod", variables: ["host": "h"]), deployment: Self.petStore)],
            apiKeys: [SnapshotApiKey(id: "key1", valueSHA256: "ABCDEF", enabled: true),
                      SnapshotApiKey(id: "key2", valueSHA256: "012345", enabled: false)],
            usagePlans: [SnapshotUsagePlan(plan: plan, keyIds: ["key1"], strictQuota: false)])
        let compiled = try SnapshotCompiler.compile(snapshot)
        #expect(compiled.apiKey(sha256Hex: "abcdef") == CompiledApiKey(id: "key1", enabled: true, valueSHA256: "abcdef"))
        #expect(compiled.apiKey(sha256Hex: "012345")?.enabled == false)
        #expect(compiled.apiKey(sha256Hex: "ffff") == nil)
        let found = try #require(compiled.usagePlan(keyId: "key1", restApiId: "ABC123DEFG", stage: "prod"))
        #expect(found.quota == CompiledUsagePlan.Quota(limit: 1000, offset: 5, period: .week))
        #expect(found.strictQuota == false)
        #expect(found.throttle(restApiId: "abc123defg", stage: "prod", methodKey: "/pets/GET") == ThrottleLimits(rate: 1.5, burst: 3))
        #expect(found.throttle(restApiId: "abc123defg", stage: "prod", methodKey: "/pets/POST") == ThrottleLimits(rate: 10, burst: 20))
        #expect(compiled.usagePlan(keyId: "key2", restApiId: "abc123defg", stage: "prod") == nil)
        #expect(compiled.usagePlan(keyId: "key1", restApiId: "abc123defg", stage: "dev") == nil)
        #expect(compiled.usagePlans(restApiId: "abc123defg", stage: "prod").map(\.id) == ["plan01"])
        #expect(compiled.usagePlans(keyId: "key1").map(\.id) == ["plan01"])
        #expect(compiled.accountThrottle == ThrottleLimits(rate: 10000, burst: 5000))
    }

    @Test func rejectsTheSameStageTwice() {
        let entry = SnapshotStage(restApiId: "abc123defg", stage: F.stage("prod", variables: ["host": "h"]), deployment: Self.petStore)
        #expect(throws: CompileError.duplicateStage(restApiId: "abc123defg", stage: "prod")) {
            try SnapshotCompiler.compile(F.snapshot([entry, entry]))
        }
    }

    @Test func rejectsUnknownSchemaVersions() {
        var snapshot = F.snapshot([])
        snapshot.schemaVersion = 99
        #expect(throws: CompileError.unsupportedSchemaVersion(99)) { try SnapshotCompiler.compile(snapshot) }
    }

    @Test func errorsCarryAwsMessagesAndLocations() {
        let error = CompileError.variableSiblingConflict(parentPath: "/", pathPart: "{proxy+}")
        #expect(error.message == "A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed")
        #expect(error.description == "/: A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed")
        let ref = CompileError.MethodRef(resourcePath: "/pets", httpMethod: "GET")
        #expect(CompileError.noIntegration(ref).description == "GET /pets: No integration defined for method")
    }
}
