import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// The stage cache through the real pipeline and default chain, with an injected clock: hits that
/// never reach the integration, TTLs, keys from `cacheKeyParameters`, GET-only by default,
/// `Cache-Control: max-age=0` under each authorization rule, flushes by generation, 2xx only.
@Suite struct StageCacheFilterTests {
    typealias F = PipelineFixtures

    /// Answers `n=<call number>` with the canned status, synchronously.
    final class CountingInvoker: IntegrationInvoker {
        private let state = Mutex((calls: 0, status: 200))
        var calls: Int { state.withLock { $0.calls } }
        func answer(with status: Int) { state.withLock { $0.status = status } }
        func invoke(_ request: UpstreamRequest, completion: @escaping @Sendable (Result<UpstreamResponse, IntegrationFailure>) -> Void) {
            let (calls, status) = state.withLock { state in
                state.calls += 1
                return (state.calls, state.status)
            }
            completion(.success(UpstreamResponse(status: status, headers: HTTPHeaders([("Content-Type", "text/plain")]),
                                                 body: Array("n=\(calls)".utf8))))
        }
    }

    final class ManualClock: Sendable {
        private let nanos = Atomic<UInt64>(1_000_000_000)
        var now: UInt64 { nanos.load(ordering: .relaxed) }
        func advance(seconds: Double) { nanos.add(UInt64(seconds * 1e9), ordering: .relaxed) }
    }

    static let region = "us-east-1"
    static let account = "123456789012"
    static let clusterSecret = "cluster-secret-for-tests"
    static let key = SigV4Credentials(accessKeyId: "AKIAINVALIDATOR00001", secretAccessKey: "secret-of-the-invalidator-0123456789abc")
    static let userArn = "arn:aws:iam::123456789012:user/ivy"

    static func integration(keys: [String] = [], namespace: String? = nil) -> Integration {
        Integration(type: "HTTP_PROXY", httpMethod: "ANY", uri: "http://backend:8080/x", cacheNamespace: namespace, cacheKeyParameters: keys)
    }

    static func setting(ttl: Int = 300, requireAuthorization: Bool = true,
                        strategy: String = "SUCCEED_WITH_RESPONSE_HEADER") -> MethodSetting {
        var setting = MethodSetting()
        setting.cachingEnabled = true
        setting.cacheTtlInSeconds = ttl
        setting.requireAuthorizationForCacheControl = requireAuthorization
        setting.unauthorizedCacheControlHeaderStrategy = strategy
        return setting
    }

    /// `/pets` (GET, POST) and `/pets/{id}` (GET), `/iam` GET with AWS_IAM; stage `prod` with a cache.
    static func snapshot(settings: [String: MethodSetting] = ["*/*": setting()], keys: [String] = ["method.request.querystring.type"],
                         enabled: Bool = true, generation: Int? = nil, userPolicy: String? = nil) throws -> CompiledSnapshot {
        var iamMethod = F.method("GET", integration(keys: keys))
        iamMethod.authorizationType = "AWS_IAM"
        let content = F.content([
            ("/pets", ["GET": F.method("GET", integration(keys: keys)), "POST": F.method("POST", integration(keys: keys))]),
            ("/pets/{id}", ["GET": F.method("GET", integration(keys: ["method.request.path.id", "method.request.header.Accept"]))]),
            ("/iam", ["GET": iamMethod]),
        ])
        var stage = Stage(deploymentId: "dep123", stageName: "prod", cacheClusterEnabled: enabled, cacheClusterSize: "0.5",
                          methodSettings: settings, createdDate: 0, lastUpdatedDate: 0)
        stage.cacheGeneration = generation
        let seal = SecretSeal(clusterSecret: clusterSecret)
        let allowAll = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}"#
        let iam = SnapshotIAM(users: [SnapshotIAMUser(
            arn: userArn, userName: "ivy", userId: "AIDAIVY0000000000000", accessKeys: [
                SnapshotIAMAccessKey(accessKeyId: key.accessKeyId, active: true, sealedSecret: seal.seal(key.secretAccessKey, context: key.accessKeyId)),
            ], policies: [allowAll] + (userPolicy.map { [$0] } ?? []))])
        return try SnapshotCompiler.compile(Snapshot(revision: 1, stages: [SnapshotStage(restApiId: F.apiId, stage: stage, deployment: content)],
                                                     apiKeys: [], usagePlans: [], account: Account(), nodes: [], iam: iam))
    }

    /// One node's pipeline with its stage caches on `clock`. Keeps every chain it built alive, as a
    /// node keeps its serving snapshot's chains (the runtime holds stores weakly).
    final class Node {
        var kept: [Any] = []
        let clock: ManualClock
        let invoker = CountingInvoker()
        let caches: StageCacheRuntime
        let pipeline: RequestPipeline

        init() {
            let clock = ManualClock()
            self.clock = clock
            caches = StageCacheRuntime(clock: { clock.now })
            let configuration = PipelineConfiguration(accountId: StageCacheFilterTests.account, region: StageCacheFilterTests.region,
                                                      secretSeal: SecretSeal(clusterSecret: StageCacheFilterTests.clusterSecret),
                                                      stageCaches: caches)
            pipeline = RequestPipeline(configuration: configuration, invoker: invoker, identifierSource: FixedIdentifiers(), clock: { F.now })
        }

        func send(_ verb: String, _ target: String, _ headers: [(String, String)] = [], on snapshot: CompiledSnapshot) -> HTTPResponse {
            send(F.request(verb, target, headers: headers), on: snapshot)
        }

        func send(_ request: HTTPRequest, on snapshot: CompiledSnapshot) -> HTTPResponse {
            let box = ResponseBox()
            let chains = pipeline.chains(for: snapshot)
            kept.append(chains)
            pipeline.handle(request, connection: F.connection, snapshot: snapshot, chains: chains) { box.put($0) }
            return box.responses.first ?? HTTPResponse(status: 0)
        }

        var store: StageCacheStore? { caches.existingStore(restApiId: F.apiId, stageName: "prod") }
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    static func signed(_ target: String, headers: [(String, String)]) -> HTTPRequest {
        SigV4Signer(credentials: key, region: region, service: "execute-api")
            .sign(F.request("GET", target, headers: headers), at: F.now / 1000)
    }

    // MARK: - Hits, TTL, keys

    @Test func aSecondGETIsServedFromTheCacheWithoutCallingTheIntegration() throws {
        let node = Node(), snapshot = try Self.snapshot()
        let first = node.send("GET", "/prod/pets?type=dog", on: snapshot)
        let second = node.send("GET", "/prod/pets?type=dog", on: snapshot)
        #expect(Self.text(first) == "n=1" && Self.text(second) == "n=1")
        #expect(node.invoker.calls == 1)
        #expect(second.headers["x-amzn-RequestId"] == F.identifiers.requestId, "the method response still decorates a hit")
        #expect(second.headers["X-Cache"] == nil, "AWS sends no hit/miss header")
        #expect(node.store?.hits == 1 && node.store?.misses == 1)
    }

    @Test func entriesLiveForTheMethodsTTL() throws {
        let table: [(ttl: Int, after: Double, hits: Bool)] = [(300, 299.9, true), (300, 300.0, false), (1, 0.5, true), (1, 1.5, false),
                                                              (3600, 3599, true), (3600, 3600.5, false)]
        for row in table {
            let node = Node(), snapshot = try Self.snapshot(settings: ["*/*": Self.setting(ttl: row.ttl)])
            _ = node.send("GET", "/prod/pets", on: snapshot)
            node.clock.advance(seconds: row.after)
            let again = node.send("GET", "/prod/pets", on: snapshot)
            #expect(Self.text(again) == (row.hits ? "n=1" : "n=2"), "TTL \(row.ttl) s, \(row.after) s later")
        }
    }

    /// Pairs of requests to `/pets` or `/pets/{id}` and whether the second hits the first's entry.
    @Test func theKeyIsTheMethodResourceAndCacheKeyParameters() throws {
        let none: [(String, String)] = []
        let table: [(first: String, firstHeaders: [(String, String)], second: String, secondHeaders: [(String, String)], shares: Bool)] = [
            ("/prod/pets?type=dog", none, "/prod/pets?type=dog", none, true),
            ("/prod/pets?type=dog", none, "/prod/pets?type=cat", none, false),
            ("/prod/pets?type=dog", none, "/prod/pets", none, false),
            ("/prod/pets?type=", none, "/prod/pets", none, false),
            ("/prod/pets?type=dog&other=1", none, "/prod/pets?type=dog&other=2", none, true),
            ("/prod/pets/1", [("Accept", "a")], "/prod/pets/1", [("accept", "a")], true),
            ("/prod/pets/1", [("Accept", "a")], "/prod/pets/2", [("Accept", "a")], false),
            ("/prod/pets/1", [("Accept", "a")], "/prod/pets/1", [("Accept", "b")], false),
            ("/prod/pets/1", none, "/prod/pets/1", [("Accept", "")], false),
        ]
        let snapshot = try Self.snapshot()
        for row in table {
            let node = Node()
            _ = node.send("GET", row.first, row.firstHeaders, on: snapshot)
            let again = node.send("GET", row.second, row.secondHeaders, on: snapshot)
            #expect(Self.text(again) == (row.shares ? "n=1" : "n=2"), "\(row.first) \(row.firstHeaders) then \(row.second) \(row.secondHeaders)")
        }
    }

    @Test func keyPartsAreLengthPrefixedSoValuesCannotForgeAnotherKey() throws {
        let snapshot = try Self.snapshot(keys: ["method.request.querystring.a", "method.request.querystring.b"])
        let node = Node()
        _ = node.send("GET", "/prod/pets?a=x%7C1:y&b=z", on: snapshot)
        #expect(Self.text(node.send("GET", "/prod/pets?a=x&b=y%7C1:z", on: snapshot)) == "n=2")
    }

    @Test func aStageDefaultCachesGETOnlyAndAMethodsOwnSettingCachesThatMethod() throws {
        let node = Node(), inherited = try Self.snapshot()
        _ = node.send("POST", "/prod/pets", on: inherited)
        #expect(Self.text(node.send("POST", "/prod/pets", on: inherited)) == "n=2", "POST is not cached by */*")
        let own = try Self.snapshot(settings: ["*/*": Self.setting(), "pets/POST": Self.setting()])
        _ = node.send("POST", "/prod/pets", on: own)
        #expect(Self.text(node.send("POST", "/prod/pets", on: own)) == "n=3", "the POST's own setting caches it")
    }

    @Test func nothingIsCachedWithoutTheClusterOrWithCachingOff() throws {
        var off = Self.setting()
        off.cachingEnabled = false
        for snapshot in [try Self.snapshot(enabled: false), try Self.snapshot(settings: ["*/*": off]),
                         try Self.snapshot(settings: ["*/*": Self.setting(), "pets/GET": off])] {
            let node = Node()
            _ = node.send("GET", "/prod/pets", on: snapshot)
            #expect(Self.text(node.send("GET", "/prod/pets", on: snapshot)) == "n=2")
        }
    }

    @Test func onlySuccessfulAnswersAreStored() throws {
        let node = Node(), snapshot = try Self.snapshot()
        node.invoker.answer(with: 500)
        _ = node.send("GET", "/prod/pets", on: snapshot)
        node.invoker.answer(with: 200)
        #expect(Self.text(node.send("GET", "/prod/pets", on: snapshot)) == "n=2")
        #expect(Self.text(node.send("GET", "/prod/pets", on: snapshot)) == "n=2")
    }

    @Test func aNewFlushGenerationOrDeploymentMissesButTheStoreSurvivesOtherSnapshots() throws {
        let node = Node()
        _ = node.send("GET", "/prod/pets", on: try Self.snapshot())
        #expect(Self.text(node.send("GET", "/prod/pets", on: try Self.snapshot())) == "n=1", "a rebuilt snapshot keeps the entries")
        #expect(Self.text(node.send("GET", "/prod/pets", on: try Self.snapshot(generation: 1))) == "n=2", "a flush misses")
    }

    @Test func aStoreNoChainUsesAnyMoreIsReleased() throws {
        let caches = StageCacheRuntime(clock: { 0 })
        var store: StageCacheStore? = caches.store(restApiId: "a", stageName: "s", capacityBytes: 1000)
        #expect(caches.store(restApiId: "a", stageName: "s", capacityBytes: 1000) === store, "found again while in use")
        weak var released = store
        store = nil
        _ = caches.store(restApiId: "b", stageName: "s", capacityBytes: 1000)
        #expect(released == nil, "the runtime does not keep a store alive")
        let sized = caches.store(restApiId: "a", stageName: "s", capacityBytes: 1000)
        #expect(caches.store(restApiId: "a", stageName: "s", capacityBytes: 2000) !== sized, "a new size starts empty")
    }

    // MARK: - Cache-Control: max-age=0

    @Test func anUnauthorisedInvalidationFollowsTheStrategy() throws {
        for (strategy, status, body, warns) in [("FAIL_WITH_403", 403, nil as String?, false),
                                                ("SUCCEED_WITH_RESPONSE_HEADER", 200, "n=1", true),
                                                ("SUCCEED_WITHOUT_RESPONSE_HEADER", 200, "n=1", false)] {
            let node = Node(), snapshot = try Self.snapshot(settings: ["*/*": Self.setting(strategy: strategy)])
            _ = node.send("GET", "/prod/pets", on: snapshot)
            let response = node.send("GET", "/prod/pets", [("Cache-Control", "max-age=0")], on: snapshot)
            #expect(response.status == status, "\(strategy)")
            if let body { #expect(Self.text(response) == body, "\(strategy): served from the cache") }
            #expect((response.headers["Warning"] != nil) == warns, "\(strategy)")
            #expect(node.invoker.calls == 1, "\(strategy): the integration is not called")
            if status == 403 {
                #expect(response.headers["x-amzn-ErrorType"] == "AccessDeniedException")
                #expect(Self.text(response) == #"{"Message":"User: anonymous is not authorized to perform: execute-api:InvalidateCache on resource: arn:aws:execute-api:us-east-1:********9012:abc123defg/prod/GET/pets"}"#)
            }
        }
    }

    @Test func withoutRequiredAuthorizationAnyCallerInvalidates() throws {
        let node = Node(), snapshot = try Self.snapshot(settings: ["*/*": Self.setting(requireAuthorization: false, strategy: "FAIL_WITH_403")])
        _ = node.send("GET", "/prod/pets", on: snapshot)
        let fresh = node.send("GET", "/prod/pets", [("Cache-Control", "no-store, max-age=0")], on: snapshot)
        #expect(Self.text(fresh) == "n=2")
        #expect(Self.text(node.send("GET", "/prod/pets", on: snapshot)) == "n=2", "the fresh answer replaced the entry")
    }

    @Test func anIAMCallerAllowedInvalidateCacheRefreshesTheEntryAndOneWithoutItDoesNot() throws {
        let allow = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:InvalidateCache","Resource":"arn:aws:execute-api:us-east-1:*:*/prod/GET/iam"}]}"#
        for (policy, refreshed) in [(allow, true), (nil as String?, false)] {
            let node = Node()
            let snapshot = try Self.snapshot(settings: ["*/*": Self.setting(strategy: "FAIL_WITH_403")], userPolicy: policy)
            let first = node.send(Self.signed("/prod/iam", headers: []), on: snapshot)
            #expect(Self.text(first) == "n=1")
            let again = node.send(Self.signed("/prod/iam", headers: [("Cache-Control", "max-age=0")]), on: snapshot)
            if refreshed {
                #expect(Self.text(again) == "n=2")
            } else {
                #expect(again.status == 403)
                #expect(Self.text(again).contains("User: \(Self.userArn) is not authorized to perform: execute-api:InvalidateCache"))
            }
        }
    }

    @Test(arguments: [("max-age=0", true), ("MAX-AGE = 0", true), ("no-cache, max-age=\"0\"", true), ("max-age=00", true),
                      ("max-age=10", false), ("no-cache", false), ("s-maxage=0", false), ("max-age=", false), ("", false)])
    func cacheControlAsksForInvalidationOnlyWithMaxAgeZero(header: String, invalidates: Bool) {
        #expect(CacheControlDirective.requestsInvalidation(header) == invalidates)
    }
}
