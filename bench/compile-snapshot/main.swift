// Measures SnapshotCompiler on a synthetic snapshot (APIS APIs × 20 resources × 2 methods, HTTP_PROXY)
// and the cost of one invoke-URL lookup (API → stage → route). Built by bench/compile-snapshot.sh.
import Foundation

let apiCount = Int(ProcessInfo.processInfo.environment["APIS"] ?? "") ?? 1000

func makeContent(api: Int) -> DeploymentContent {
    let rootId = "root\(api)"
    var resources = [Resource(id: rootId, path: "/")]
    for r in 0..<20 {
        let isChild = r >= 10
        let parent = isChild ? "r\(api)_\(r - 10)" : rootId
        let path = isChild ? "/res\(r - 10)/{id}" : "/res\(r)"
        let uri = "http://backend-\(api).internal:8080" + (isChild ? "/res\(r - 10)/{p}" : path)
        let integration = Integration(type: "HTTP_PROXY", httpMethod: "ANY", uri: uri,
                                      requestParameters: isChild ? ["integration.request.path.p": "method.request.path.id"] : nil)
        resources.append(Resource(id: "r\(api)_\(r)", parentId: parent, pathPart: isChild ? "{id}" : "res\(r)", path: path,
                                  resourceMethods: ["GET": Method(httpMethod: "GET", methodIntegration: integration),
                                                    "POST": Method(httpMethod: "POST", methodIntegration: integration)]))
    }
    return DeploymentContent(api: RestApi(id: String(format: "a%09d", api), name: "api\(api)", createdDate: 0, rootResourceId: rootId),
                             resources: resources)
}

let stages = (0..<apiCount).map { i -> SnapshotStage in
    let content = makeContent(api: i)
    return SnapshotStage(restApiId: content.api.id, stage: Stage(deploymentId: "d", stageName: "prod", createdDate: 0, lastUpdatedDate: 0),
                         deployment: content)
}
let snapshot = Snapshot(revision: 1, stages: stages, apiKeys: [], usagePlans: [], account: Account(), nodes: [])
let json = try JSONEncoder().encode(snapshot)
let clock = ContinuousClock()

var start = clock.now
let decoded = try JSONDecoder().decode(Snapshot.self, from: json)
let decodeTime = clock.now - start

var best = Duration.seconds(1000)
var compiled = try SnapshotCompiler.compile(decoded)
for _ in 0..<3 {
    start = clock.now
    compiled = try SnapshotCompiler.compile(decoded)
    best = min(best, clock.now - start)
}

let ids = (0..<apiCount).map { String(format: "a%09d", $0) }
let paths = ["/res7/12345", "/res3", "/res9/abc/", "/nope/x"]
let lookups = 2_000_000
var hits = 0
start = clock.now
for i in 0..<lookups {
    if case .found(let stage) = compiled.lookup(restApiId: ids[i % apiCount][...], stage: "prod"),
       stage.route(method: "GET", path: paths[i & 3][...]) != nil {
        hits += 1
    }
}
let lookupTime = clock.now - start
print("snapshot: \(apiCount) APIs × 20 resources × 2 methods, JSON \(json.count) bytes")
print("JSON decode: \(decodeTime)")
print("SnapshotCompiler.compile (best of 3): \(best)")
print("lookup (API id → stage → route, 3 of 4 hit): \(lookupTime / lookups) each (\(hits) hits)")
