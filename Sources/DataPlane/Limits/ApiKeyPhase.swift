import Shared

/// Method-request phase: the API key check (reference §2.2 step 4, §2.9).
///
/// Only for methods with `apiKeyRequired`. The key comes from the `x-api-key` header (the API's
/// `apiKeySource` is `HEADER`; `AUTHORIZER` needs a Lambda authorizer's `usageIdentifierKey`, which
/// Tollgate does not run yet, so such methods refuse every request). Snapshots carry only SHA-256
/// digests of key values: the presented value is hashed (or its digest found in the node's
/// `ApiKeyDigestCache`), looked up among the keys the stage's usage plans admit (`LimitsIndex`),
/// and the digests compared again in constant time. A missing, unknown or disabled key, or one in
/// no usage plan attached to this API stage, answers 403 `{"message":"Forbidden"}`. An accepted key
/// is recorded in the invocation (`$context.identity.apiKey`) with its usage-plan grant, which
/// `LimitsPhase` charges. Built per snapshot, so a request checks its key against the snapshot
/// that routed it; a class, so running it from the pipeline's phase list costs one reference count.
package final class ApiKeyPhase: RequestPhase {
    package let name = "apiKey"
    /// The request header AWS reads keys from (case-insensitive).
    package static let header = "x-api-key"
    let index: LimitsIndex
    let digests: ApiKeyDigestCache

    init(index: LimitsIndex, digests: ApiKeyDigestCache) {
        self.index = index
        self.digests = digests
    }

    /// A phase for `snapshot` alone (tests; nodes share one index between both phases).
    package convenience init(snapshot: CompiledSnapshot) {
        self.init(index: LimitsIndex(snapshot), digests: ApiKeyDigestCache())
    }

    package func process(_ invocation: inout Invocation) -> PhaseOutcome {
        guard invocation.route.apiKeyRequired else { return .proceed }
        let source = invocation.stage.apiKeySource
        guard source == "HEADER" || source.uppercased() == "HEADER",
              let value = invocation.request.headers[Self.header], !value.isEmpty
        else { return .fail(.forbidden) }
        let hash = value.hashValue
        let cached = digests.digest(of: value, hash: hash)
        guard let digest = cached ?? LimitsIndex.KeyDigest(Digest.sha256(value.utf8)),
              let grant = index.grant(digest: digest, on: invocation.stage), grant.digest.equalsInConstantTime(digest) else {
            return .fail(.forbidden)
        }
        if cached == nil { digests.insert(value, hash: hash, digest: digest) }
        invocation.apiKey = Invocation.ApiKeyIdentity(value: value, id: grant.keyId)
        invocation.usagePlanGrant = grant
        return .proceed
    }
}
