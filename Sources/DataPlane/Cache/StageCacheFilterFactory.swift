import Shared

/// Puts a `StageCacheFilter` on every route with a `CompiledRouteCache` (its stage has
/// `cacheClusterEnabled` and the method has `caching/enabled`), in the cache slot: after the whole
/// method request (policy, authorizer, key, throttle, validation), before the integration request.
///
/// Runs per snapshot off the event loops; the stage's store comes from the node's
/// `StageCacheRuntime` (so entries survive unrelated snapshots). `principals` are the snapshot's
/// IAM users, for `execute-api:InvalidateCache`. Part of `DefaultChain.builtIn`.
struct StageCacheFilterFactory: FilterFactory {
    let configuration: PipelineConfiguration
    let principals: IAMPrincipalIndex

    var phase: ChainPhase { .cache }

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        guard let cache = route.cache, let stageCache = stage.cache else { return nil }
        let store = configuration.stageCaches.store(restApiId: stage.restApiId, stageName: stage.stageName,
                                                    capacityBytes: stageCache.capacityBytes)
        let prefixes = StageCacheKey.Prefixes(cache: cache, generation: stageCache.generation, deploymentId: stage.deploymentId,
                                              resourcePath: route.resourcePath)
        return StageCacheFilter(cache: cache, store: store, generation: stageCache.generation, prefixes: prefixes, principals: principals,
                                region: configuration.region, accountId: configuration.accountId)
    }
}
