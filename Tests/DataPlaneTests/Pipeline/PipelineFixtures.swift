import Synchronization
@testable import DataPlane
@testable import Shared

/// Builders shared by the pipeline tests.
enum PipelineFixtures {
    static let apiId = "abc123defg"
    static let identifiers = RequestIdentifiers(requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
                                                extendedRequestId: "KtF82HGdliAFjxw=",
                                                traceId: "Root=1-5759e988-bd862e3fe1be46a994272793")
    /// 2020-03-04T19:15:17.135Z, the time of the AWS-recorded event in the reference.
    static let now: Int64 = 1_583_349_317_135

    static func method(_ verb: String, _ integration: Integration, apiKeyRequired: Bool = false, responses: [String] = ["200"]) -> Method {
        DeploymentFixture.method(verb, integration, apiKeyRequired: apiKeyRequired, responses: responses)
    }

    /// Resources as `(path, methods)`; parents are created as needed.
    static func content(_ resources: [(String, [String: Method])], binaryMediaTypes: [String]? = nil) -> DeploymentContent {
        DeploymentFixture.content(resources, apiId: apiId, rootId: "rootid0001", idPrefix: "res", binaryMediaTypes: binaryMediaTypes)
    }

    static func snapshot(_ content: DeploymentContent, stage: String = "prod", variables: [String: String]? = nil) throws -> CompiledSnapshot {
        let stageModel = Stage(deploymentId: "dep123", stageName: stage, variables: variables, createdDate: 0, lastUpdatedDate: 0)
        return try SnapshotCompiler.compile(Snapshot(revision: 42, stages: [SnapshotStage(restApiId: apiId, stage: stageModel, deployment: content)],
                                                     apiKeys: [], usagePlans: [], account: Account(), nodes: []))
    }

    static func request(_ method: String, _ target: String, host: String = "abc123defg.execute-api.localhost:8080",
                        headers: [(String, String)] = [], body: [UInt8] = []) -> HTTPRequest {
        var all = HTTPHeaders([("Host", host)])
        for (name, value) in headers { all.add(name, value) }
        return HTTPRequest(head: HTTPRequestHead(method: HTTPMethod(method), target: target, headers: all), body: body)
    }

    static let connection = ClientConnection(remoteAddress: "203.0.113.7", remotePort: 51000, localPort: 8080)

    /// Routes `request` on the single stage of `snapshot` and builds the invocation phases see.
    static func invocation(_ snapshot: CompiledSnapshot, _ request: HTTPRequest, connection: ClientConnection = connection) throws -> Invocation {
        guard case .api(let id, let stageName, let path, _) = InvokeTarget.resolve(host: request.headers["Host"], path: request.head.path),
              case .found(let stage) = snapshot.lookup(restApiId: id, stage: stageName) else {
            throw FixtureError.notRouted
        }
        guard let (route, match) = stage.route(method: request.method.rawValue, path: path) else { throw FixtureError.notRouted }
        return Invocation(request: request, connection: connection, stage: stage, route: route, match: match, path: path,
                          identifiers: identifiers, requestTimeEpochMillis: now, accountId: "123456789012")
    }

    enum FixtureError: Error { case notRouted }
}

/// Puts the same filter on every route, in one phase slot (tests of the chain's mechanics).
struct EveryRoute: FilterFactory {
    let filter: any RequestFilter
    var phase: ChainPhase = .validation

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? { filter }

    /// One factory per filter, all in the same slot (their order kept).
    static func factories(_ filters: [any RequestFilter]) -> [any FilterFactory] { filters.map { EveryRoute(filter: $0) } }
}

/// Always the same identifiers.
struct FixedIdentifiers: RequestIdentifierSource {
    func identifiers(epochSeconds: Int64, incomingTraceId: String?) -> RequestIdentifiers {
        PipelineFixtures.identifiers
    }
}

/// An invoker that records requests and answers with a canned outcome, synchronously.
final class RecordingInvoker: IntegrationInvoker {
    private let state: Mutex<(requests: [UpstreamRequest], outcome: Result<UpstreamResponse, IntegrationFailure>)>

    init(_ outcome: Result<UpstreamResponse, IntegrationFailure> = .success(UpstreamResponse(status: 200))) {
        state = Mutex(([], outcome))
    }

    var requests: [UpstreamRequest] { state.withLock { $0.requests } }

    func invoke(_ request: UpstreamRequest, completion: @escaping @Sendable (Result<UpstreamResponse, IntegrationFailure>) -> Void) {
        let outcome = state.withLock { state in
            state.requests.append(request)
            return state.outcome
        }
        completion(outcome)
    }
}

/// Collects the pipeline's single response.
final class ResponseBox: Sendable {
    private let value = Mutex<[HTTPResponse]>([])
    func put(_ response: HTTPResponse) { value.withLock { $0.append(response) } }
    var responses: [HTTPResponse] { value.withLock { $0 } }
}
