/// The one compiler from the configuration model to the data plane's runtime tables.
///
/// The control plane calls `validate` before it saves or publishes a definition, so anything that
/// cannot be served is rejected at the admin API; data-plane nodes call `compile` off their event
/// loops on every new snapshot and keep serving the old one if it throws. Pure and synchronous.
package enum SnapshotCompiler {
    /// Compiles a whole snapshot. Throws on the first problem; nothing is partially applied.
    package static func compile(_ snapshot: Snapshot) throws(CompileError) -> CompiledSnapshot {
        guard snapshot.schemaVersion == Snapshot.currentSchemaVersion else {
            throw .unsupportedSchemaVersion(snapshot.schemaVersion)
        }
        var patterns = SelectionPatternCache()
        var schemas = ModelSchemaCache()
        var stagesByApi: [String: [String: CompiledStage]] = [:]
        var apiIds: [String: String] = [:]
        var vpcLinks: [String: [String]] = [:]
        for link in snapshot.vpcLinks ?? [] { vpcLinks[link.id] = link.targetArns }
        for entry in snapshot.stages {
            let key = entry.restApiId.lowercased()
            guard stagesByApi[key]?[entry.stage.stageName] == nil else {
                throw .duplicateStage(restApiId: entry.restApiId, stage: entry.stage.stageName)
            }
            let stage = try compileStage(entry, vpcLinks: vpcLinks, patterns: &patterns, schemas: &schemas)
            stagesByApi[key, default: [:]][entry.stage.stageName] = stage
            apiIds[key] = entry.restApiId
        }
        var apis: [String: CompiledSnapshot.Api] = [:]
        for (key, stages) in stagesByApi {
            apis[key] = CompiledSnapshot.Api(restApiId: apiIds[key] ?? key, stages: stages)
        }
        return CompiledSnapshot(
            revision: snapshot.revision, checksum: snapshot.checksum, apis: apis, apiKeys: snapshot.apiKeys,
            usagePlans: snapshot.usagePlans.map(compileUsagePlan).sorted { $0.id < $1.id },
            accountThrottle: ThrottleLimits(snapshot.account.throttleSettings), nodes: snapshot.nodes,
            gossip: snapshot.gossip, iam: snapshot.iam, domainNames: try CompiledDomainNames.compile(snapshot.domainNames ?? []),
            httpApis: try HttpApiCompiler.compile(snapshot.httpApis ?? []),
            webSocketApis: WebSocketApiCompiler.compile(snapshot.webSocketApis ?? []))
    }

    /// Checks that a deployment can be served on any stage: the resource tree, every method's
    /// integration, mapping expressions and selection patterns. Stage variables in URIs are checked
    /// for syntax only (their values belong to stages).
    package static func validate(_ content: DeploymentContent) throws(CompileError) {
        var patterns = SelectionPatternCache()
        var schemas = ModelSchemaCache()
        _ = try StageBuilder(content: content, context: .validationOnly).build(patterns: &patterns, schemas: &schemas)
    }

    /// `validate` for the admin API: nil when the definition can be served, else the message to
    /// return as a 400 `BadRequestException` (AWS's wording where known).
    package static func validationMessage(for content: DeploymentContent) -> String? {
        do {
            try validate(content)
            return nil
        } catch {
            return error.message
        }
    }

    /// `validate(entry.deployment)` and `compileStage(entry)` in one compile of the deployment, for
    /// a definition deployed onto a stage at once (CreateDeployment with `stageName`): throws the
    /// error `validate` would throw; a definition `validate` accepts compiles on every stage.
    package static func validate(deploymentOn entry: SnapshotStage) throws(CompileError) {
        var patterns = SelectionPatternCache()
        var schemas = ModelSchemaCache()
        var context = StageContext(entry.stage)
        context.checksDefinition = true
        _ = try StageBuilder(content: entry.deployment, context: context).build(patterns: &patterns, schemas: &schemas)
    }

    /// `validate(deploymentOn:)` for the admin API: nil when servable, else the 400 message.
    package static func validationMessage(forDeploymentOn entry: SnapshotStage) -> String? {
        do {
            try validate(deploymentOn: entry)
            return nil
        } catch {
            return error.message
        }
    }

    /// Compiles one deployed stage; `vpcLinks` (id → `targetArns`) are the account's VPC links.
    package static func compileStage(_ entry: SnapshotStage, vpcLinks: [String: [String]] = [:]) throws(CompileError) -> CompiledStage {
        var patterns = SelectionPatternCache()
        var schemas = ModelSchemaCache()
        return try compileStage(entry, vpcLinks: vpcLinks, patterns: &patterns, schemas: &schemas)
    }

    // MARK: - Parts

    private static func compileStage(_ entry: SnapshotStage, vpcLinks: [String: [String]], patterns: inout SelectionPatternCache,
                                     schemas: inout ModelSchemaCache) throws(CompileError) -> CompiledStage {
        let stage = entry.stage
        var cache: CompiledStageCache?
        if stage.cacheClusterEnabled {
            let size = stage.cacheClusterSize ?? CompiledStageCache.defaultSize
            guard let bytes = CompiledStageCache.capacityBytes(forSize: size) else {
                throw .unsupportedFeature(feature: "cacheClusterSize \(size)", detail: "stage \(stage.stageName)")
            }
            cache = CompiledStageCache(capacityBytes: bytes, generation: stage.cacheGeneration ?? 0)
        }
        var canary: CompiledCanary?
        if let settings = stage.canarySettings {
            // A canary without its own deployment serves the stage's with the overrides.
            guard let canaryContent = settings.deploymentId == nil ? entry.deployment : entry.canaryDeployment else {
                throw .unsupportedFeature(feature: "a canary", detail: "the canary deployment of stage \(stage.stageName) is missing from the snapshot")
            }
            // useStageCache: the canary's requests use the stage's cache (keys carry the deployment
            // id, so the two deployments never serve each other's entries); otherwise none.
            if settings.useStageCache == true && cache == nil {
                throw .unsupportedFeature(feature: "canarySettings.useStageCache without a stage cache", detail: "cacheClusterEnabled is false on stage \(stage.stageName)")
            }
            var canaryStage = stage
            canaryStage.deploymentId = settings.deploymentId ?? stage.deploymentId
            let merged = (stage.variables ?? [:]).merging(settings.stageVariableOverrides ?? [:]) { $1 }
            canaryStage.variables = merged.isEmpty ? nil : merged
            canaryStage.canarySettings = nil
            let compiled = try compileStage(SnapshotStage(restApiId: entry.restApiId, stage: canaryStage, deployment: canaryContent),
                                            isCanary: true, cache: settings.useStageCache == true ? cache : nil, vpcLinks: vpcLinks,
                                            patterns: &patterns, schemas: &schemas)
            canary = CompiledCanary(percentTraffic: settings.percentTraffic ?? 0, stage: compiled)
        }
        return try compileStage(entry, isCanary: false, cache: cache, canary: canary, vpcLinks: vpcLinks, patterns: &patterns, schemas: &schemas)
    }

    /// One stage's own deployment (a stage's, or a canary's with its overlaid variables).
    private static func compileStage(_ entry: SnapshotStage, isCanary: Bool, cache: CompiledStageCache?, canary: CompiledCanary? = nil,
                                     vpcLinks: [String: [String]], patterns: inout SelectionPatternCache,
                                     schemas: inout ModelSchemaCache) throws(CompileError) -> CompiledStage {
        let stage = entry.stage
        var context = StageContext(stage)
        context.vpcLinks = vpcLinks
        let (router, routes) = try StageBuilder(content: entry.deployment, context: context).build(patterns: &patterns, schemas: &schemas)
        let api = entry.deployment.api
        return CompiledStage(
            restApiId: entry.restApiId, apiName: api.name, stageName: stage.stageName, deploymentId: stage.deploymentId,
            router: router, routes: routes, variables: stage.variables ?? [:], binaryMediaTypes: api.binaryMediaTypes ?? [],
            apiKeySource: api.apiKeySource, defaultMethodSetting: stage.methodSettings["*/*"],
            tracingEnabled: stage.tracingEnabled, executeApiEndpointDisabled: api.disableExecuteApiEndpoint,
            minimumCompressionSize: api.minimumCompressionSize,
            gatewayResponses: try CompiledGatewayResponses.compile(entry.deployment.gatewayResponses),
            resourcePolicy: api.policy.flatMap { $0.isEmpty ? nil : $0 },
            authorizerCacheGeneration: stage.authorizerCacheGeneration ?? 0, cache: cache, canary: canary, isCanary: isCanary,
            accessLog: try CompiledAccessLog.compile(stage.accessLogSettings, stageName: stage.stageName),
            clientCertificateId: stage.clientCertificateId.flatMap { $0.isEmpty ? nil : $0 })
    }

    private static func compileUsagePlan(_ entry: SnapshotUsagePlan) -> CompiledUsagePlan {
        let plan = entry.plan
        var quota: CompiledUsagePlan.Quota?
        if let limit = plan.quota?.limit, let period = plan.quota?.period.flatMap(CompiledUsagePlan.Period.init(rawValue:)) {
            quota = CompiledUsagePlan.Quota(limit: limit, offset: plan.quota?.offset ?? 0, period: period,
                                            anchorEpochSeconds: entry.quotaAnchorEpochSeconds)
        }
        let stages = plan.apiStages.map { stage in
            CompiledUsagePlan.StageEntry(restApiId: stage.apiId, stage: stage.stage,
                                         methodThrottles: (stage.throttle ?? [:]).mapValues(ThrottleLimits.init))
        }
        return CompiledUsagePlan(id: plan.id, name: plan.name, throttle: plan.throttle.map(ThrottleLimits.init), quota: quota,
                                 strictQuota: entry.strictQuota, stages: stages, keyIds: entry.keyIds.sorted())
    }
}
