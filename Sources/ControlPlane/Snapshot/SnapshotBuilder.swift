import Foundation
import Shared

/// Builds the `Snapshot` data-plane nodes serve from: every stage with the frozen deployment it points
/// at, API keys as SHA-256 hex digests (never values), usage plans with their key ids, the account and
/// the nodes seen recently, stamped with the store's revision and a content checksum.
///
/// Runs inside one read transaction so the snapshot is consistent with its revision. The checksum is
/// the lowercase hex SHA-256 of the canonical encoding (`JSONEncoder`, `.sortedKeys`) of the snapshot
/// with `checksum` set to "" — nodes recompute it the same way before applying a snapshot.
package enum SnapshotBuilder {
    /// Nodes not seen for this long (seconds) are left out of `nodes`.
    package static let nodeWindowSeconds: Int64 = 300

    /// The snapshot of the store's current state, as of `now` (epoch seconds).
    package static func build(_ store: ConfigStore, now: Int64) throws -> Snapshot {
        try store.read { tx in try build(tx, now: now) }
    }

    /// The snapshot of what `tx` sees.
    package static func build(_ tx: ConfigTransaction, now: Int64) throws -> Snapshot {
        var stages: [SnapshotStage] = []
        var contents: [String: DeploymentContent] = [:]  // stages sharing a deployment decode it once
        for (apiId, stage) in try tx.allStages() {
            let cacheKey = apiId + "/" + stage.deploymentId
            if contents[cacheKey] == nil {
                guard let content = try tx.deploymentContent(restApiId: apiId, id: stage.deploymentId) else {
                    throw StoreError.corrupt("stage \(apiId)/\(stage.stageName) points at missing deployment \(stage.deploymentId)")
                }
                contents[cacheKey] = content
            }
            stages.append(SnapshotStage(restApiId: apiId, stage: stage, deployment: contents[cacheKey]!))
        }
        let keys = try tx.apiKeys().map { key in
            SnapshotApiKey(id: key.id, valueSHA256: StandInSHA256.hexHash(Array((key.value ?? "").utf8)), enabled: key.enabled)
        }
        var plans: [SnapshotUsagePlan] = []
        for plan in try tx.usagePlans() {
            plans.append(SnapshotUsagePlan(plan: plan, keyIds: try tx.usagePlanKeyIds(planId: plan.id)))
        }
        let nodes = try tx.nodes(seenSince: now - nodeWindowSeconds).map {
            SnapshotNode(nodeId: $0.nodeId, gossipAddress: $0.gossipAddress, lastSeen: $0.lastSeen)
        }
        var snapshot = Snapshot(revision: try tx.revision(), stages: stages, apiKeys: keys, usagePlans: plans,
                                account: try tx.account(), nodes: nodes)
        snapshot.checksum = try checksum(of: snapshot)
        return snapshot
    }

    /// The canonical checksum of `snapshot` (its own `checksum` field is ignored).
    package static func checksum(of snapshot: Snapshot) throws -> String {
        var unsigned = snapshot
        unsigned.checksum = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return StandInSHA256.hexHash(Array(try encoder.encode(unsigned)))
    }
}
