import Testing
@testable import DataPlane
@testable import Shared

/// The default chain: the built-in refusal is on every refused route whatever the node plugs in,
/// and each route carries only the filters it needs, in AWS's phase order.
@Suite struct DefaultChainTests {
    typealias F = PipelineFixtures
    typealias A = AccessRefusalGatewayTests

    static func names(_ chains: RouteChains, _ snapshot: CompiledSnapshot, _ method: String, _ path: String) throws -> [String] {
        let stage = try #require(snapshot.apis.values.first?.stages["prod"])
        let (route, _) = try #require(stage.route(method: method, path: path[...]))
        return try #require(chains.chain(for: route)).filterNames
    }

    static let pipeline = RequestPipeline(configuration: PipelineConfiguration(accountId: "123456789012"), invoker: RecordingInvoker())

    /// Features as the node builds them for `--limits on`, `--limits off`, and none at all.
    static func featureSets(_ snapshot: CompiledSnapshot) throws -> [[any FilterFactory]] {
        let limits = try LimitsFixtures.node(LimitsFixtures.ManualClock())
        return [limits.chainFeatures(limitsOn: true)(snapshot), limits.chainFeatures(limitsOn: false)(snapshot), []]
    }

    @Test func theBuiltInProtectionsAreInEveryChainWhateverTheLimitsSay() throws {
        let snapshot = try F.snapshot(A.content())
        for features in try Self.featureSets(snapshot) {
            let chains = Self.pipeline.chains(for: snapshot, features: features)
            #expect(try Self.names(chains, snapshot, "GET", "/custom").first == "accessRefusal")
            #expect(try Self.names(chains, snapshot, "GET", "/iam").first == "policyAuthorization")
            #expect(try Self.names(chains, snapshot, "GET", "/keyed").first == "policyAuthorization", "before the API key filter")
            #expect(try Self.names(chains, snapshot, "GET", "/open").contains("accessRefusal") == false)
            #expect(try Self.names(chains, snapshot, "GET", "/open").contains("policyAuthorization") == false, "NONE without a policy")
            let box = ResponseBox()
            Self.pipeline.handle(F.request("GET", "/prod/keyed", headers: [("x-api-key", LimitsFixtures.goodKey)]), connection: F.connection,
                                 snapshot: snapshot, chains: chains) { box.put($0) }
            #expect(box.responses.first?.status == 403)
            #expect(box.responses.first.map { String(decoding: $0.body, as: UTF8.self) } == #"{"message":"Missing Authentication Token"}"#)
        }
    }

    @Test func aRouteCarriesOnlyTheFiltersItNeeds() throws {
        let snapshot = try LimitsFixtures.snapshot()
        let limits = try LimitsFixtures.node(LimitsFixtures.ManualClock())
        let on = Self.pipeline.chains(for: snapshot, features: limits.chainFeatures(limitsOn: true)(snapshot))
        #expect(try Self.names(on, snapshot, "GET", "/keyed") == ["apiKey", "throttle"])
        #expect(try Self.names(on, snapshot, "GET", "/open") == ["throttle"], "no key filter without apiKeyRequired")
        let off = Self.pipeline.chains(for: snapshot, features: limits.chainFeatures(limitsOn: false)(snapshot))
        #expect(try Self.names(off, snapshot, "GET", "/keyed") == ["apiKey"])
        #expect(try Self.names(off, snapshot, "GET", "/open") == [], "an open route without limits has no filters at all")
    }

    @Test func filtersAreOrderedByPhaseNotByTheOrderTheyWereGiven() throws {
        let snapshot = try LimitsFixtures.snapshot()
        let limits = try LimitsFixtures.node(LimitsFixtures.ManualClock())
        let chains = Self.pipeline.chains(for: snapshot, features: limits.filterFactories(for: snapshot).reversed())
        #expect(try Self.names(chains, snapshot, "GET", "/keyed") == ["apiKey", "throttle"])
        #expect(ChainPhase.allCases.sorted() == ChainPhase.allCases)
        #expect(ChainPhase.resourcePolicy < .authorizer && .authorizer < .apiKey && .apiKey < .throttle && .throttle < .validation)
    }
}
