/// Everything a data-plane node serves from, compiled from a `Snapshot` once, off the event loops.
///
/// Immutable: the loader builds a new one and swaps the single reference every loop reads; a
/// request reads it once at its start and finishes on it. Lookups are dictionary hits (API id, then
/// stage) followed by the stage's trie, so their cost does not grow with the number of APIs.
package final class CompiledSnapshot: Sendable {
    /// The stages of one REST API.
    package struct Api: Sendable {
        package let restApiId: String
        package let stages: [String: CompiledStage]
        package init(restApiId: String, stages: [String: CompiledStage]) {
            self.restApiId = restApiId
            self.stages = stages
        }
    }

    /// The outcome of resolving an invoke URL's API id and stage.
    package enum StageLookup: Sendable {
        case found(CompiledStage)
        /// → 404 naming the API.
        case unknownApi
        /// → 403 Missing Authentication Token.
        case unknownStage
    }

    /// Index key: lowercased API id and stage name.
    struct StageKey: Hashable, Sendable {
        let restApiId: String
        let stage: String
    }

    /// Index key: lowercased API id, stage name and API key id.
    struct PlanKey: Hashable, Sendable {
        let restApiId: String
        let stage: String
        let keyId: String
    }

    package let revision: Int64
    package let checksum: String
    /// Keyed by lowercased REST API id (ids match case-insensitively).
    package let apis: [String: Api]
    /// Keyed by lowercase hex SHA-256 of the key value.
    package let apiKeysByHash: [String: CompiledApiKey]
    package let apiKeysById: [String: CompiledApiKey]
    package let usagePlans: [CompiledUsagePlan]
    package let accountThrottle: ThrottleLimits
    package let nodes: [SnapshotNode]
    /// The control plane's gossip endpoint and mint authority, if it gossips.
    package let gossip: SnapshotGossip?
    /// IAM users and their sealed keys (`AWS_IAM` methods); nil when there are none.
    package let iam: SnapshotIAM?
    /// Custom domain names and their base path mappings (`CompiledDomainNames.domain(forHost:)`).
    package let domainNames: CompiledDomainNames
    /// Deployed HTTP APIs (`apigatewayv2`) by lowercased id (`HttpApiCompiler`); ids never collide
    /// with REST API ids (the control plane allots them from one space).
    package let httpApis: [String: CompiledHttpApi]
    /// Deployed WebSocket APIs by lowercased id (`WebSocketApiCompiler`).
    package let webSocketApis: [String: CompiledWebSocketApi]
    private let planIndexByKeyAndStage: [PlanKey: Int]
    private let planIndexesByStage: [StageKey: [Int]]
    private let planIndexesByKeyId: [String: [Int]]

    init(revision: Int64, checksum: String, apis: [String: Api], apiKeys: [SnapshotApiKey], usagePlans: [CompiledUsagePlan],
         accountThrottle: ThrottleLimits, nodes: [SnapshotNode], gossip: SnapshotGossip? = nil, iam: SnapshotIAM? = nil,
         domainNames: CompiledDomainNames = .empty, httpApis: [String: CompiledHttpApi] = [:],
         webSocketApis: [String: CompiledWebSocketApi] = [:]) {
        self.httpApis = httpApis
        self.webSocketApis = webSocketApis
        self.revision = revision
        self.checksum = checksum
        self.apis = apis
        var byHash: [String: CompiledApiKey] = [:]
        var byId: [String: CompiledApiKey] = [:]
        for key in apiKeys {
            let compiled = CompiledApiKey(id: key.id, enabled: key.enabled, valueSHA256: key.valueSHA256.lowercased())
            byHash[key.valueSHA256.lowercased()] = compiled
            byId[key.id] = compiled
        }
        self.apiKeysByHash = byHash
        self.apiKeysById = byId
        self.usagePlans = usagePlans
        self.accountThrottle = accountThrottle
        self.nodes = nodes
        self.gossip = gossip
        self.iam = iam
        self.domainNames = domainNames
        var byKeyAndStage: [PlanKey: Int] = [:]
        var byStage: [StageKey: [Int]] = [:]
        var byKeyId: [String: [Int]] = [:]
        for (index, plan) in usagePlans.enumerated() {
            for keyId in plan.keyIds { byKeyId[keyId, default: []].append(index) }
            for entry in plan.stages {
                let stageKey = StageKey(restApiId: entry.restApiId.lowercased(), stage: entry.stage)
                byStage[stageKey, default: []].append(index)
                for keyId in plan.keyIds {
                    // A key may be in one plan per stage; should two claim it, the first (by plan id) wins.
                    let key = PlanKey(restApiId: stageKey.restApiId, stage: entry.stage, keyId: keyId)
                    if byKeyAndStage[key] == nil { byKeyAndStage[key] = index }
                }
            }
        }
        self.planIndexByKeyAndStage = byKeyAndStage
        self.planIndexesByStage = byStage
        self.planIndexesByKeyId = byKeyId
    }

    /// Resolves the API id (case-insensitive) and stage name (case-sensitive) of an invoke URL.
    package func lookup(restApiId: Substring, stage: Substring) -> StageLookup {
        // Ids are nearly always lowercase already: skip Unicode lowercasing on the request path then.
        let key = restApiId.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) ? restApiId.lowercased() : String(restApiId)
        guard let api = apis[key] else { return .unknownApi }
        guard let compiled = api.stages[String(stage)] else { return .unknownStage }
        return .found(compiled)
    }

    /// The HTTP API of `apiId` (case-insensitive), or nil.
    package func httpApi(_ apiId: Substring) -> CompiledHttpApi? {
        guard !httpApis.isEmpty else { return nil }
        return httpApis[apiId.lowercased()]
    }

    /// The WebSocket API of `apiId` (case-insensitive), or nil.
    package func webSocketApi(_ apiId: Substring) -> CompiledWebSocketApi? {
        guard !webSocketApis.isEmpty else { return nil }
        return webSocketApis[apiId.lowercased()]
    }

    /// The API key whose value hashes to `sha256Hex` (lowercase or uppercase hex).
    package func apiKey(sha256Hex: String) -> CompiledApiKey? {
        apiKeysByHash[sha256Hex.lowercased()]
    }

    /// The usage plan that admits `keyId` on this API stage, or nil (→ 403 Forbidden).
    package func usagePlan(keyId: String, restApiId: String, stage: String) -> CompiledUsagePlan? {
        planIndexByKeyAndStage[PlanKey(restApiId: restApiId.lowercased(), stage: stage, keyId: keyId)].map { usagePlans[$0] }
    }

    /// Every usage plan that includes this API stage.
    package func usagePlans(restApiId: String, stage: String) -> [CompiledUsagePlan] {
        (planIndexesByStage[StageKey(restApiId: restApiId.lowercased(), stage: stage)] ?? []).map { usagePlans[$0] }
    }

    /// Every usage plan `keyId` belongs to.
    package func usagePlans(keyId: String) -> [CompiledUsagePlan] {
        (planIndexesByKeyId[keyId] ?? []).map { usagePlans[$0] }
    }
}
