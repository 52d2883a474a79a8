/// What the control plane publishes to data-plane nodes: everything needed to serve traffic.
///
/// Encoded as canonical JSON by `SnapshotCodec`, it is the body of `GET /_tollgate/v1/snapshot` and
/// the file a node persists. `checksum` is the lowercase hex SHA-256 of the canonical encoding of the
/// snapshot with `checksum` set to "" (rule and checks in `SnapshotCodec`). API key values never
/// appear: only their SHA-256 hex digests.
package struct Snapshot: Codable, Sendable, Equatable {
    /// Bumped when the format changes incompatibly.
    package static let currentSchemaVersion = 1

    package var schemaVersion: Int
    /// The control plane's global revision this snapshot reflects; monotonic, never reused within
    /// its `epoch`.
    package var revision: Int64
    /// The random id of the control-plane database this snapshot comes from (created with the
    /// database, renewed when it is found to have gone back in time). A revision means something
    /// only together with its epoch: a node whose epoch differs from the control plane's fetches a
    /// full snapshot whatever the revisions say. nil in snapshots from before epochs existed;
    /// omitted from the JSON then, so their bytes and checksums stay as they were.
    package var epoch: String?
    package var checksum: String
    /// Every stage of every API, with the deployment it points at frozen inside.
    package var stages: [SnapshotStage]
    package var apiKeys: [SnapshotApiKey]
    package var usagePlans: [SnapshotUsagePlan]
    package var account: Account
    /// Data-plane nodes seen recently (gossip peers).
    package var nodes: [SnapshotNode]
    /// The control plane's place in the limits gossip; nil when it runs without `--gossip`.
    package var gossip: SnapshotGossip?
    /// IAM users and keys for `AWS_IAM` methods; nil (omitted) when the store has no IAM users.
    package var iam: SnapshotIAM?
    /// The account's VPC links (id and `targetArns`), read by integrations with `connectionType:
    /// VPC_LINK` when the snapshot is compiled; nil when there are none (so snapshots of accounts
    /// without links keep their bytes).
    package var vpcLinks: [SnapshotVpcLink]?
    /// Custom domain names with their base path mappings, sorted by name; nil (omitted) when the
    /// store has none, so snapshots without domains keep their bytes and checksums.
    package var domainNames: [SnapshotDomainName]?
    /// The client certificates stages name, keys sealed (nil when none is used or no seal).
    package var clientCertificates: [SnapshotClientCertificate]?
    /// Deployed HTTP APIs (`apigatewayv2`), sorted by id; nil (omitted) when none is deployed, so
    /// snapshots without HTTP APIs keep their bytes and checksums.
    package var httpApis: [SnapshotHttpApi]?
    /// Deployed WebSocket APIs (`apigatewayv2` WEBSOCKET), sorted by id; nil (omitted) when none
    /// is deployed, so snapshots without them keep their bytes and checksums.
    package var webSocketApis: [SnapshotWebSocketApi]?

    package init(schemaVersion: Int = Snapshot.currentSchemaVersion, revision: Int64, epoch: String? = nil, checksum: String = "",
                 stages: [SnapshotStage], apiKeys: [SnapshotApiKey], usagePlans: [SnapshotUsagePlan],
                 account: Account, nodes: [SnapshotNode], gossip: SnapshotGossip? = nil, iam: SnapshotIAM? = nil,
                 vpcLinks: [SnapshotVpcLink]? = nil, domainNames: [SnapshotDomainName]? = nil,
                 clientCertificates: [SnapshotClientCertificate]? = nil, httpApis: [SnapshotHttpApi]? = nil,
                 webSocketApis: [SnapshotWebSocketApi]? = nil) {
        self.schemaVersion = schemaVersion
        self.revision = revision
        self.epoch = epoch
        self.checksum = checksum
        self.stages = stages
        self.apiKeys = apiKeys
        self.usagePlans = usagePlans
        self.account = account
        self.nodes = nodes
        self.gossip = gossip
        self.iam = iam
        self.vpcLinks = vpcLinks
        self.domainNames = domainNames
        self.clientCertificates = clientCertificates
        self.httpApis = httpApis
        self.webSocketApis = webSocketApis
    }
}

/// One deployed stage: the stage's settings plus the frozen deployment it points at.
package struct SnapshotStage: Codable, Sendable, Equatable {
    package var restApiId: String
    package var stage: Stage
    package var deployment: DeploymentContent
    /// The deployment `stage.canarySettings.deploymentId` names, frozen like `deployment`; nil (and
    /// omitted from the JSON) when the stage has no canary.
    package var canaryDeployment: DeploymentContent?

    package init(restApiId: String, stage: Stage, deployment: DeploymentContent, canaryDeployment: DeploymentContent? = nil) {
        self.restApiId = restApiId
        self.stage = stage
        self.deployment = deployment
        self.canaryDeployment = canaryDeployment
    }
}

/// An API key as nodes see it: id, SHA-256 hex of the value, and whether it is enabled.
package struct SnapshotApiKey: Codable, Sendable, Equatable {
    package var id: String
    package var valueSHA256: String
    package var enabled: Bool

    package init(id: String, valueSHA256: String, enabled: Bool) {
        self.id = id
        self.valueSHA256 = valueSHA256
        self.enabled = enabled
    }
}

/// A usage plan as nodes see it, with the ids of the keys attached to it.
package struct SnapshotUsagePlan: Codable, Sendable, Equatable {
    package var plan: UsagePlan
    package var keyIds: [String]
    /// Strict (escrow) quota enforcement; false selects fast mode.
    package var strictQuota: Bool
    /// When the plan's quota took effect (UTC epoch seconds): the period containing it is the
    /// initial one, whose limit is `limit - offset`. Absent (nil) when the plan has no quota, was
    /// stored before the control plane recorded anchors, or the snapshot predates this field: then
    /// `offset` is ignored. Omitted from the JSON when nil, so older snapshots decode and keep their
    /// checksums.
    package var quotaAnchorEpochSeconds: Int64?

    package init(plan: UsagePlan, keyIds: [String], strictQuota: Bool = true, quotaAnchorEpochSeconds: Int64? = nil) {
        self.plan = plan
        self.keyIds = keyIds
        self.strictQuota = strictQuota
        self.quotaAnchorEpochSeconds = quotaAnchorEpochSeconds
    }
}

/// A data-plane node known to the control plane.
package struct SnapshotNode: Codable, Sendable, Equatable {
    package var nodeId: String
    /// `HOST:PORT` of the node's gossip socket, if it has one.
    package var gossipAddress: String?
    /// Epoch seconds of the node's last poll.
    package var lastSeen: Int64

    package init(nodeId: String, gossipAddress: String?, lastSeen: Int64) {
        self.nodeId = nodeId
        self.gossipAddress = gossipAddress
        self.lastSeen = lastSeen
    }
}

/// The control plane as a gossip member: the quota observer that persists usage and mints strict-mode
/// quota rights (see docs/limits.md).
package struct SnapshotGossip: Codable, Sendable, Equatable {
    /// The id its datagrams carry (never a data-plane node's id).
    package var nodeId: String
    /// `HOST:PORT` of its gossip socket.
    package var address: String
    /// Its replica id, 16 lowercase hex digits: the one replica allowed to mint quota rights.
    package var mintAuthority: String

    package init(nodeId: String, address: String, mintAuthority: String) {
        self.nodeId = nodeId
        self.address = address
        self.mintAuthority = mintAuthority
    }
}

/// A VPC link as nodes need it: its id and `targetArns` (Tollgate reads each as `host:port`,
/// `CompiledVpcLink`).
package struct SnapshotVpcLink: Codable, Sendable, Equatable {
    package var id: String
    package var targetArns: [String]

    package init(id: String, targetArns: [String]) {
        self.id = id
        self.targetArns = targetArns
    }
}
