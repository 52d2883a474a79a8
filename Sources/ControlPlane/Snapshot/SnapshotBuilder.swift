import Shared

/// Builds the `Snapshot` data-plane nodes serve from: every stage with the frozen deployment it points
/// at, API keys as SHA-256 hex digests (never values), usage plans with their key ids and quota
/// anchors (`ConfigTransaction.usagePlanQuotaAnchor`), the account, the VPC links' targets, the custom
/// domain names with their base path mappings, the deployed HTTP APIs (`apigatewayv2`, each stage
/// with its frozen deployment) and the peer list of nodes seen recently, stamped with the store's epoch and revision and a content checksum.
///
/// Reads inside one read transaction so the snapshot is consistent with its revision; encoding and
/// hashing happen after the transaction ends. The checksum rule is `SnapshotCodec`'s. To serve a
/// snapshot use `buildEncoded` (bytes, reusing cached deployment JSON); `build` gives the decoded
/// value and encodes it once to fill `checksum`.
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

    /// The body to serve for the store's current state: read in one read transaction, then sealed
    /// by `SnapshotCodec.seal(header:stages:)` around each deployment's canonical JSON. Pass the
    /// service's long-lived `cache` so a deployment is decoded and encoded only the first time.
    /// `seal` seals IAM secret access keys (the cluster secret's `SecretSeal`); without one the
    /// snapshot carries no IAM users, so `AWS_IAM` calls are refused as from unknown keys.
    package static func buildEncoded(_ store: ConfigStore, now: Int64, cache: DeploymentJSONCache? = nil,
                                     seal: SecretSeal? = nil) throws -> EncodedSnapshot {
        let cache = cache ?? DeploymentJSONCache()
        let (top, stages) = try store.read { tx -> (Snapshot, [SnapshotCodec.PreencodedStage]) in
            var stages: [SnapshotCodec.PreencodedStage] = []
            var used: Set<[UInt8]> = []
            for (apiId, stage) in try tx.allStages() {
                func json(_ id: String) throws -> [UInt8] {
                    let bytes = try storedDeployment(tx, apiId: apiId, stage: stage, id: id)
                    let digest = Digest.sha256(bytes)
                    used.insert(digest)
                    return try cache.json(storedBytes: bytes, digest: digest)
                }
                stages.append(SnapshotCodec.PreencodedStage(restApiId: apiId, stage: stage, deploymentJSON: try json(stage.deploymentId),
                                                            canaryDeploymentJSON: try stage.canaryDeploymentId.map(json)))
            }
            cache.retainOnly(used)
            return (try header(tx, now: now, seal: seal), stages)
        }
        let sealed = SnapshotCodec.seal(header: top, stages: stages)
        return EncodedSnapshot(revision: top.revision, epoch: top.epoch ?? "", checksum: sealed.checksum, bytes: sealed.bytes)
    }

    /// The snapshot of what `tx` sees, with `checksum` still "".
    package static func unsealed(_ tx: ConfigTransaction, now: Int64) throws -> Snapshot {
        var snapshot = try header(tx, now: now)
        var contents: [String: DeploymentContent] = [:]  // stages sharing a deployment decode it once
        for (apiId, stage) in try tx.allStages() {
            func content(_ id: String) throws -> DeploymentContent {
                let key = apiId + "/" + id
                if let known = contents[key] { return known }
                let decoded = try StoreCodec.decode(DeploymentContent.self, storedDeployment(tx, apiId: apiId, stage: stage, id: id))
                contents[key] = decoded
                return decoded
            }
            snapshot.stages.append(SnapshotStage(restApiId: apiId, stage: stage, deployment: try content(stage.deploymentId),
                                                 canaryDeployment: try stage.canaryDeploymentId.map(content)))
        }
        return snapshot
    }

    /// Everything but the stages: keys, plans, account, peer list, the quota observer and revision; `checksum` "".
    private static func header(_ tx: ConfigTransaction, now: Int64, seal: SecretSeal? = nil) throws -> Snapshot {
        let keys = try tx.apiKeys().map { key in
            SnapshotApiKey(id: key.id, valueSHA256: Digest.sha256Hex((key.value ?? "").utf8), enabled: key.enabled)
        }
        var plans: [SnapshotUsagePlan] = []
        let anchors = try tx.usagePlanQuotaAnchors()
        for plan in try tx.usagePlans() {
            plans.append(SnapshotUsagePlan(plan: plan, keyIds: try tx.usagePlanKeyIds(planId: plan.id),
                                           strictQuota: QuotaRule.isStrict(tags: plan.tags),
                                           quotaAnchorEpochSeconds: plan.quota == nil ? nil : anchors[plan.id]))
        }
        // The peer list (`ConfigTransaction+Nodes`); the time filter only matters if the window
        // check has not run yet for a node that went silent.
        let nodes = try tx.nodes(seenSince: now - nodeWindowSeconds, listedOnly: true).map {
            SnapshotNode(nodeId: $0.nodeId, gossipAddress: $0.gossipAddress, lastSeen: $0.lastSeen)
        }
        // The quota observer, when it gossips: nodes send it their counters and ask it for rights.
        let gossip = try tx.quotaObserver().flatMap { observer in
            observer.gossipAddress.map {
                SnapshotGossip(nodeId: observer.nodeId, address: $0, mintAuthority: observer.replicaID.description)
            }
        }
        let links = try tx.vpcLinks().map { SnapshotVpcLink(id: $0.id, targetArns: $0.targetArns) }
        let domains = try domainNames(tx, seal: seal)
        let httpApis = try tx.servedHttpApis()
        let webSocketApis = try tx.servedWebSocketApis()
        return Snapshot(revision: try tx.revision(), epoch: try tx.epoch(), stages: [], apiKeys: keys, usagePlans: plans,
                        account: try tx.account(), nodes: nodes, gossip: gossip, iam: try seal.flatMap { try iam(tx, seal: $0) },
                        vpcLinks: links.isEmpty ? nil : links.sorted { $0.id < $1.id },
                        domainNames: domains.isEmpty ? nil : domains,
                        clientCertificates: try seal.flatMap { try clientCertificates(tx, seal: $0) },
                        httpApis: httpApis.isEmpty ? nil : httpApis,
                        webSocketApis: webSocketApis.isEmpty ? nil : webSocketApis)
    }

    /// Every custom domain name with its base path mappings (`(none)` as `""`), sorted by name,
    /// and its uploaded certificate with the key sealed by `seal` (without a seal, no certificate:
    /// a private key never goes into a snapshot in clear).
    private static func domainNames(_ tx: ConfigTransaction, seal: SecretSeal?) throws -> [SnapshotDomainName] {
        try tx.domainNames().map { domain in
            let mappings = try tx.basePathMappings(domainName: domain.domainName).map {
                SnapshotBasePathMapping(basePath: $0.basePath == BasePathMapping.none ? "" : $0.basePath, restApiId: $0.restApiId,
                                        stage: $0.stage)
            }
            let certificate = try seal.flatMap { seal in
                try tx.domainCertificate(domain.domainName).map {
                    SnapshotDomainCertificate(
                        certificateBody: $0.body, certificateChain: $0.chain,
                        sealedPrivateKey: seal.seal($0.privateKey, context: SnapshotDomainCertificate.sealContext(
                            domainName: domain.domainName, certificateBody: $0.body)))
                }
            }
            return SnapshotDomainName(domainName: domain.domainName, endpointType: domain.endpointType,
                                      securityPolicy: domain.securityPolicy, mappings: mappings, certificate: certificate,
                                      truststore: try tx.domainTruststore(domain.domainName))
        }.sorted { $0.domainName < $1.domainName }
    }

    /// The client certificates that stages name, keys sealed, sorted by id; nil when none is used.
    private static func clientCertificates(_ tx: ConfigTransaction, seal: SecretSeal) throws -> [SnapshotClientCertificate]? {
        let ids = Set(try tx.allStages().compactMap { $0.1.clientCertificateId }.filter { !$0.isEmpty })
        let certificates = try ids.sorted().compactMap { id -> SnapshotClientCertificate? in
            guard let certificate = try tx.clientCertificate(id), let key = try tx.clientCertificatePrivateKey(id) else { return nil }
            return SnapshotClientCertificate(clientCertificateId: id, certificate: certificate.pemEncodedCertificate,
                                             sealedPrivateKey: seal.seal(key, context: SnapshotClientCertificate.sealContext(id)))
        }
        return certificates.isEmpty ? nil : certificates
    }

    /// IAM users with their sealed keys and resolved identity policies (inline, then attached
    /// managed policies' default versions); nil when there are no users.
    private static func iam(_ tx: ConfigTransaction, seal: SecretSeal) throws -> SnapshotIAM? {
        let users = try tx.iamUsers()
        guard !users.isEmpty else { return nil }
        return SnapshotIAM(users: try users.map { user in
            let keys = try tx.iamAccessKeys(userName: user.userName).map {
                SnapshotIAMAccessKey(accessKeyId: $0.accessKeyId, active: $0.isActive,
                                     sealedSecret: seal.seal($0.secretAccessKey, context: $0.accessKeyId))
            }
            var policies = try tx.iamUserPolicyNames(userName: user.userName).compactMap {
                try tx.iamUserPolicy(userName: user.userName, policyName: $0)
            }
            policies += try tx.iamAttachedPolicyArns(userName: user.userName).compactMap { try tx.iamPolicy(arn: $0)?.document }
            return SnapshotIAMUser(arn: user.arn, userName: user.userName, userId: user.userId, accessKeys: keys, policies: policies)
        })
    }

    /// The stored bytes of deployment `id` that `stage` points at (its own or its canary's).
    private static func storedDeployment(_ tx: ConfigTransaction, apiId: String, stage: Stage, id: String) throws -> [UInt8] {
        guard let bytes = try tx.deploymentContentBytes(restApiId: apiId, id: id) else {
            throw StoreError.corrupt("stage \(apiId)/\(stage.stageName) points at missing deployment \(id)")
        }
        return bytes
    }
}
