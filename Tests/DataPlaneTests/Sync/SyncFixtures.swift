import Foundation
import Synchronization
@testable import DataPlane
@testable import Shared

/// Snapshots and helpers for the sync and serving tests.
enum SyncFixtures {
    static let apiId = "syncapi001"

    /// A snapshot with one API whose `GET /which` MOCK answers `body`, deployed to stage `prod`;
    /// `fillerKiB` adds response templates of 256 KiB each (a template may hold at most 300 KB) for
    /// snapshots of a given size.
    static func snapshot(revision: Int64, body: String = "v1", duplicateStage: Bool = false, fillerKiB: Int = 0) -> Snapshot {
        var templates = ["application/json": body]
        for index in 0..<(fillerKiB + 255) / 256 { templates["application/x-filler-\(index)"] = String(repeating: "x", count: 256 * 1024) }
        let method = Method(httpMethod: "GET", methodResponses: ["200": MethodResponse(statusCode: "200")],
                            methodIntegration: Integration(
                                type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                                integrationResponses: ["200": IntegrationResponse(statusCode: "200", responseTemplates: templates)]))
        let root = Resource(id: "root000001", path: "/")
        var which = Resource(id: "which00001", parentId: "root000001", pathPart: "which", path: "/which")
        which.resourceMethods = ["GET": method]
        let content = DeploymentContent(api: RestApi(id: apiId, name: "sync", createdDate: 0, rootResourceId: "root000001"),
                                        resources: [root, which])
        let stage = SnapshotStage(restApiId: apiId, stage: Stage(deploymentId: "dep\(revision)", stageName: "prod", createdDate: 0,
                                                                 lastUpdatedDate: 0), deployment: content)
        return Snapshot(revision: revision, stages: duplicateStage ? [stage, stage] : [stage], apiKeys: [], usagePlans: [],
                        account: Account(), nodes: [])
    }

    static func bytes(revision: Int64, body: String = "v1", duplicateStage: Bool = false, fillerKiB: Int = 0) -> [UInt8] {
        SnapshotCodec.encode(snapshot(revision: revision, body: body, duplicateStage: duplicateStage, fillerKiB: fillerKiB))
    }

    static func compiled(revision: Int64, body: String = "v1") throws -> CompiledSnapshot {
        try SnapshotCompiler.compile(snapshot(revision: revision, body: body))
    }

    /// A fresh directory, removed by `remove()`.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "tollgate-dp-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }
}

/// Collects log lines (and, through `processLog`, the records with their level and component).
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    private let stored = Mutex<[LogRecord]>([])
    var records: [LogRecord] { stored.withLock { $0 } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
    var sink: @Sendable (String) -> Void { { [self] in append($0) } }
    /// A process log whose every record (any level) is kept and its message appended.
    var processLog: ProcessLog {
        ProcessLog(node: "node-t", minimumLevel: .debug, sink: .records { [self] record in
            stored.withLock { $0.append(record) }
            append(record.message)
        })
    }
}
