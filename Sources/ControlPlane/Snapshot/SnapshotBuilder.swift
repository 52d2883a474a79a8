import Shared

/// Builds the `Snapshot` data-plane nodes serve from: every stage with the frozen deployment it points
/// at, API keys as SHA-256 hex digests (never values), usage plans with their key ids, the account and
/// the nodes seen recently, stamped with the store's revision and a content checksum.
///
/// Reads inside one read transaction so the snapshot is consistent with its revision; encoding and
/// hashing happen after the transaction ends. The checksum rule is `SnapshotCodec`'s. To serve a
/// snapshot use `buildEncoded`, which encodes once; `build` also encodes once, to fill `checksum`.
package enum SnapshotBuilder {
    /// Nodes not seen for this long (seconds) are left out of `nodes`.
    package static let nodeWindowSeconds: Int64 = 300

    /// The snapshot of the store's current state, as of `now` (epoch seconds), checksum filled in.
    package static func build(_ store: ConfigStore, now: Int64) throws -> Snapshot {
        var snapshot = try store.read { tx in try unsealed(tx, now: now) }
        snapshot.checksum = SnapshotCodec.checksum(of: snapshot)
        return snapshot
    }

    /// The snapshot of what `tx` sees, checksum filled in.
    package static func build(_ tx: ConfigTransaction, now: Int64) throws -> Snapshot {
        var snapshot = try unsealed(tx, now: now)
        snapshot.checksum = SnapshotCodec.checksum(of: snapshot)
        return snapshot
    }

    /// The body to serve for the store's current state: built in one read transaction, then encoded
    /// once by `SnapshotCodec`.
    package static func buildEncoded(_ store: ConfigStore, now: Int64) throws -> EncodedSnapshot {
        var snapshot = try store.read { tx in try unsealed(tx, now: now) }
        let bytes = SnapshotCodec.seal(&snapshot)
        return EncodedSnapshot(revision: snapshot.revision, checksum: snapshot.checksum, bytes: bytes)
    }

    /// The snapshot of what `tx` sees, with `checksum` still "".
    static func unsealed(_ tx: ConfigTransaction, now: Int64) throws -> Snapshot {
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
            SnapshotApiKey(id: key.id, valueSHA256: Digest.sha256Hex((key.value ?? "").utf8), enabled: key.enabled)
        }
        var plans: [SnapshotUsagePlan] = []
        for plan in try tx.usagePlans() {
            plans.append(SnapshotUsagePlan(plan: plan, keyIds: try tx.usagePlanKeyIds(planId: plan.id)))
        }
        let nodes = try tx.nodes(seenSince: now - nodeWindowSeconds).map {
            SnapshotNode(nodeId: $0.nodeId, gossipAddress: $0.gossipAddress, lastSeen: $0.lastSeen)
        }
        return Snapshot(revision: try tx.revision(), stages: stages, apiKeys: keys, usagePlans: plans,
                        account: try tx.account(), nodes: nodes)
    }
}
