import Foundation
import Synchronization
@testable import ControlPlane
import Shared

/// A settable clock for tests (epoch seconds).
final class TestClock: Sendable {
    private let value = Mutex<Int64>(1_700_000_000)
    var now: Int64 { value.withLock { $0 } }
    func advance(by seconds: Int64) { value.withLock { $0 += seconds } }
}

/// What an `AdminAPI` logged: the messages of its non-audit lines (the detail of its 500s) and
/// its `audit` records, apart.
final class LogCapture: Sendable {
    private let storage = Mutex<(lines: [String], audit: [LogRecord])>(([], []))
    var lines: [String] { storage.withLock { $0.lines } }
    var audit: [LogRecord] { storage.withLock { $0.audit } }
    func append(_ line: String) { storage.withLock { $0.lines.append(line) } }

    /// A process log (every level) that records into this capture.
    var processLog: ProcessLog {
        ProcessLog(node: "test-control-plane", minimumLevel: .debug, sink: .records { [self] record in
            storage.withLock { record.component == "audit" ? $0.audit.append(record) : $0.lines.append(record.message) }
        })
    }
}

/// One admin response, decoded for assertions.
struct AdminResult {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]
    /// The body as a JSON object (empty when the body is empty or not an object).
    let json: [String: Any]

    var errorType: String? { headers["x-amzn-ErrorType"] }
    var message: String? { json["message"] as? String }
    subscript(key: String) -> Any? { json[key] }
    var string: (String) -> String? { { json[$0] as? String } }
    var items: [[String: Any]] { json["item"] as? [[String: Any]] ?? json["items"] as? [[String: Any]] ?? [] }
}

/// An `AdminAPI` on a store in a fresh temporary directory, with a test clock, and helpers that
/// build HTTP requests the way botocore does.
final class AdminHarness {
    let directory: TemporaryDirectory
    let store: ConfigStore
    let clock = TestClock()
    let logs = LogCapture()
    let api: AdminAPI
    private var requestCounter = 0

    /// The checks default to the shared compiler, as in production.
    init(validateDeployment: @escaping @Sendable (DeploymentContent) -> String? = AdminAPI.compilerDeploymentCheck,
         validateStage: @escaping @Sendable (SnapshotStage) -> String? = AdminAPI.compilerStageCheck,
         testInvoker: (any TestInvoker)? = nil) throws {
        directory = try TemporaryDirectory()
        store = try ConfigStore(directory: directory.path)
        let clock = self.clock
        let logs = self.logs
        api = AdminAPI(store: store, configuration: .init(accountId: "123456789012"), clock: { clock.now },
                       validateDeployment: validateDeployment, validateStage: validateStage, log: logs.processLog,
                       testInvoker: testInvoker)
    }

    deinit { directory.remove() }

    /// Sends one request; `body` is JSON-serialised (a `String` is sent as its UTF-8, `[UInt8]` as is).
    @discardableResult
    func call(_ method: String, _ target: String, _ body: Any? = nil, accessKey: String = "AKIDADMIN") -> AdminResult {
        var headers: HTTPHeaders = ["Accept": "application/json"]
        var bytes: [UInt8] = []
        if let text = body as? String {
            bytes = Array(text.utf8)
        } else if let raw = body as? [UInt8] {
            bytes = raw
        } else if let body {
            bytes = Array(try! JSONSerialization.data(withJSONObject: body))
            headers.add("Content-Type", "application/json")
        }
        requestCounter += 1
        let request = HTTPRequest(head: HTTPRequestHead(method: HTTPMethod(method), target: target, headers: headers), body: bytes)
        let response = api.handle(request, identity: accessKey, requestId: "req-\(requestCounter)")
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return AdminResult(status: response.status, headers: response.headers, body: response.body, json: json)
    }

    /// PATCH with `patchOperations` given as `(op, path, value)` triples.
    @discardableResult
    func patch(_ target: String, _ operations: [(String, String, String?)]) -> AdminResult {
        call("PATCH", target, ["patchOperations": operations.map { op, path, value -> [String: String] in
            var entry = ["op": op, "path": path]
            if let value { entry["value"] = value }
            return entry
        }])
    }

    // MARK: - Building blocks

    /// Creates a REST API and returns (id, rootResourceId).
    func createApi(_ name: String = "pets") -> (id: String, root: String) {
        let result = call("POST", "/restapis", ["name": name])
        precondition(result.status == 201, "CreateRestApi failed: \(result.json)")
        return (result.string("id")!, result.string("rootResourceId")!)
    }

    func createResource(_ apiId: String, parent: String, _ pathPart: String) -> String {
        let result = call("POST", "/restapis/\(apiId)/resources/\(parent)", ["pathPart": pathPart])
        precondition(result.status == 201, "CreateResource failed: \(result.json)")
        return result.string("id")!
    }

    /// PUT a method with a MOCK integration.
    func putMockMethod(_ apiId: String, _ resourceId: String, _ verb: String = "GET") {
        precondition(call("PUT", "/restapis/\(apiId)/resources/\(resourceId)/methods/\(verb)", ["authorizationType": "NONE"]).status == 201)
        precondition(call("PUT", "/restapis/\(apiId)/resources/\(resourceId)/methods/\(verb)/integration", ["type": "MOCK"]).status == 201)
    }

    /// CreateDeployment (optionally to a stage); returns the deployment id.
    func deploy(_ apiId: String, stage: String? = nil, description: String? = nil) -> String {
        var body: [String: Any] = [:]
        if let stage { body["stageName"] = stage }
        if let description { body["description"] = description }
        let result = call("POST", "/restapis/\(apiId)/deployments", body)
        precondition(result.status == 201, "CreateDeployment failed: \(result.json)")
        return result.string("id")!
    }

    /// An API with `/pets` GET (MOCK), deployed to `stage`; returns (apiId, root, petsId, deploymentId).
    func deployedApi(stage: String = "prod") -> (id: String, root: String, pets: String, deployment: String) {
        let (id, root) = createApi()
        let pets = createResource(id, parent: root, "pets")
        putMockMethod(id, pets)
        return (id, root, pets, deploy(id, stage: stage))
    }
}
