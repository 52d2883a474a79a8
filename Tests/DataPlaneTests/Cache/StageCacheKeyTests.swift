import Testing
@testable import DataPlane
@testable import Shared

/// The key from a route's precomputed prefix is byte for byte the key built from all its parts, and a
/// prefix table built for another deployment, resource or method is not used.
@Suite struct StageCacheKeyTests {
    typealias F = PipelineFixtures
    typealias C = StageCacheFilterTests

    static let requests: [(String, String, [(String, String)])] = [
        ("GET", "/prod/pets", []), ("GET", "/prod/pets?type=dog", []), ("GET", "/prod/pets?type=", []),
        ("POST", "/prod/pets?type=cat", []), ("GET", "/prod/pets/7", [("Accept", "text/plain")]), ("GET", "/prod/pets/7", []),
    ]

    static func invocation(_ method: String, _ target: String, _ headers: [(String, String)]) throws -> (Invocation, CompiledRouteCache) {
        let snapshot = try C.snapshot(settings: ["*/*": C.setting(), "pets/POST": C.setting()])
        let invocation = try F.invocation(snapshot, F.request(method, target, headers: headers))
        let cache = try #require(invocation.route.cache)
        return (invocation, cache)
    }

    @Test(arguments: requests)
    func thePrefixedKeyEqualsTheKeyBuiltFromItsParts(_ method: String, _ target: String, _ headers: [(String, String)]) throws {
        let (invocation, cache) = try Self.invocation(method, target, headers)
        let prefixes = StageCacheKey.Prefixes(cache: cache, generation: 3, deploymentId: invocation.stage.deploymentId,
                                              resourcePath: invocation.route.resourcePath)
        #expect(prefixes.prefix(for: invocation) != nil, "the table serves its own route")
        #expect(StageCacheKey.make(invocation, cache: cache, prefixes: prefixes, generation: 3)
                == StageCacheKey.make(invocation, cache: cache, generation: 3))
    }

    @Test func aTableForAnotherDeploymentResourceOrGenerationIsNotUsed() throws {
        let (invocation, cache) = try Self.invocation("GET", "/prod/pets?type=dog", [])
        let whole = StageCacheKey.make(invocation, cache: cache, generation: 3)
        for (deployment, resource) in [("other-deployment", invocation.route.resourcePath), (invocation.stage.deploymentId, "/other")] {
            let stale = StageCacheKey.Prefixes(cache: cache, generation: 3, deploymentId: deployment, resourcePath: resource)
            #expect(stale.prefix(for: invocation) == nil)
            #expect(StageCacheKey.make(invocation, cache: cache, prefixes: stale, generation: 3) == whole)
        }
        let older = StageCacheKey.Prefixes(cache: cache, generation: 2, deploymentId: invocation.stage.deploymentId,
                                           resourcePath: invocation.route.resourcePath)
        #expect(StageCacheKey.make(invocation, cache: cache, prefixes: older, generation: 2) != whole, "the generation is part of the key")
    }
}
