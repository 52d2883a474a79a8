import Shared

/// Builds the `Snapshot` data-plane nodes serve from: every stage with the frozen deployment it points
/// at, API keys as SHA-256 hex digests (never values), usage plans with their key ids, the account and
/// the peer list of nodes seen recently, stamped with the store's revision and a content checksum.
///
/// Reads inside one read transaction so the snapshot is consistent with its revision; encoding and
/// hashing happen after the transaction ends. The checksum rule is `SnapshotCodec`'s. To serve a
/// snapshot use `buildEncoded`, which encodes once; `build` also encodes once, to fill `checksum`.
package enum SnapshotBuilder {
    /// Nodes not seen for this long (seconds) are left out of `nodes`.
    package static let nodeWindowSeconds: Int64 = NodeRecord.listingWindowSeconds

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
    /// once by `SnapshotCodec`. Pass the service's long-lived `cache` so unchanged deployments are
    /// not decoded again.
    package static func buildEncoded(_ store: ConfigStore, now: Int64,
                                     cache: DeploymentContentCache? = nil) throws -> EncodedSnapshot {
        var snapshot = try store.read { tx in try unsealed(tx, now: now, cache: cache) }
        let bytes = SnapshotCodec.seal(&snapshot)
        return EncodedSnapshot(revision: snapshot.revision, checksum: snapshot.checksum, bytes: bytes)
    }

    /// The snapshot of what `tx` sees, with `checksum` still "". With a `cache`, deployment
    /// definitions are looked up by the digest of their stored bytes and only new ones are decoded.
    static func unsealed(_ tx: ConfigTransaction, now: Int64, cache: DeploymentContentCache? = nil) throws -> Snapshot {
        var stages: [SnapshotStage] = []
        var contents: [String: DeploymentContent] = [:]  // stages sharing a deployment decode it once
        var used: Set<[UInt8]> = []
        for (apiId, stage) in try tx.allStages() {
            let key = apiId + "/" + stage.deploymentId
            if contents[key] == nil {
                guard let bytes = try tx.deploymentContentBytes(restApiId: apiId, id: stage.deploymentId) else {
                    throw StoreError.corrupt("stage \(apiId)/\(stage.stageName) points at missing deployment \(stage.deploymentId)")
                }
                if let cache {
                    let digest = Digest.sha256(bytes)
                    used.insert(digest)
                    contents[key] = try cache.content(bytes: bytes, digest: digest)
                } else {
                    contents[key] = try StoreCodec.decode(DeploymentContent.self, bytes)
                }
            }
            stages.append(SnapshotStage(restApiId: apiId, stage: stage, deployment: contents[key]!))
        }
        cache?.retainOnly(used)
        let keys = try tx.apiKeys().map { key in
            SnapshotApiKey(id: key.id, valueSHA256: Digest.sha256Hex((key.value ?? "").utf8), enabled: key.enabled)
        }
        var plans: [SnapshotUsagePlan] = []
        for plan in try tx.usagePlans() {
            plans.append(SnapshotUsagePlan(plan: plan, keyIds: try tx.usagePlanKeyIds(planId: plan.id)))
        }
        // The peer list (`ConfigTransaction+Nodes`); the time filter only matters if the window
        // check has not run yet for a node that went silent.
        let nodes = try tx.nodes(seenSince: now - nodeWindowSeconds, listedOnly: true).map {
            SnapshotNode(nodeId: $0.nodeId, gossipAddress: $0.gossipAddress, lastSeen: $0.lastSeen)
        }
        return Snapshot(revision: try tx.revision(), stages: stages, apiKeys: keys, usagePlans: plans,
                        account: try tx.account(), nodes: nodes)
    }
}
