import Shared

/// Method-request filter in the `apiKey` slot: the API key check (reference §2.2 step 4, §2.9).
///
/// Only on routes with `apiKeyRequired` (`ApiKeyFilterFactory` makes none for the others). The key comes from the `x-api-key` header (the API's
/// `apiKeySource` is `HEADER`) or from the Lambda authorizer's `usageIdentifierKey` (`AUTHORIZER`:
/// `presentedKey`). Snapshots carry only SHA-256
/// digests of key values: the presented value is hashed (or its digest found in the node's
/// `ApiKeyDigestCache`), looked up among the keys the stage's usage plans admit (`LimitsIndex`),
/// and the digests compared again in constant time. A missing, unknown or disabled key, or one in
/// no usage plan attached to this API stage, answers 403 `{"message":"Forbidden"}`. An accepted key
/// is recorded in the invocation (`$context.identity.apiKey`) with its usage-plan grant (the
/// `usagePlanGrant` slot), which `LimitsFilter` charges. Built per snapshot, so a request checks its key against the snapshot
/// that routed it; a class, so running it from a route's chain costs one reference count; one instance serves
/// every keyed route of the snapshot.
package final class ApiKeyFilter: RequestFilter {
    package let name = "apiKey"
    /// The request header AWS reads keys from (case-insensitive).
    package static let header = "x-api-key"
    let index: LimitsIndex
    let digests: ApiKeyDigestCache

    init(index: LimitsIndex, digests: ApiKeyDigestCache) {
        self.index = index
        self.digests = digests
    }

    /// A filter for `snapshot` alone (tests; nodes share one index between both filters).
    package convenience init(snapshot: CompiledSnapshot) {
        self.init(index: LimitsIndex(snapshot), digests: ApiKeyDigestCache())
    }

    package func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        guard invocation.route.apiKeyRequired else { return .proceed }
        guard let value = Self.presentedKey(invocation), !value.isEmpty else { return .fail(.forbidden) }
        let hash = value.hashValue
        let cached = digests.digest(of: value, hash: hash)
        guard let digest = cached ?? LimitsIndex.KeyDigest(Digest.sha256(value.utf8)),
              let grant = index.grant(digest: digest, on: invocation.stage), grant.digest.equalsInConstantTime(digest) else {
            return .fail(.forbidden)
        }
        if cached == nil { digests.insert(value, hash: hash, digest: digest) }
        invocation.apiKey = Invocation.ApiKeyIdentity(value: value, id: grant.keyId)
        invocation.slots[.usagePlanGrant] = grant
        return .proceed
    }
}

extension ApiKeyFilter {
    /// The key the request presents: the `x-api-key` header when the API's `apiKeySource` is
    /// `HEADER`, the Lambda authorizer's `usageIdentifierKey` when it is `AUTHORIZER` (the
    /// authorizer filter runs first; a method without one presents no key).
    static func presentedKey(_ invocation: Invocation) -> String? {
        let source = invocation.stage.apiKeySource
        if source == "HEADER" || source.uppercased() == "HEADER" { return invocation.request.headers[header] }
        if source == "AUTHORIZER" || source.uppercased() == "AUTHORIZER" { return invocation.authorizer?.usageIdentifierKey }
        return nil
    }
}

/// Puts the snapshot's `ApiKeyFilter` on every route with `apiKeyRequired`, and on no other.
struct ApiKeyFilterFactory: FilterFactory {
    let filter: ApiKeyFilter

    var phase: ChainPhase { .apiKey }

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        route.apiKeyRequired ? filter : nil
    }
}
