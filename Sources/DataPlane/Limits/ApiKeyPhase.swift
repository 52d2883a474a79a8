import Shared

/// Method-request phase: the API key check (reference §2.2 step 4, §2.9).
///
/// Only for methods with `apiKeyRequired`. The key comes from the `x-api-key` header (the API's
/// `apiKeySource` is `HEADER`; `AUTHORIZER` needs a Lambda authorizer's `usageIdentifierKey`, which
/// Tollgate does not run yet, so such methods refuse every request). Snapshots carry only SHA-256
/// digests of key values: the presented value is hashed, looked up, and the digest compared again
/// in constant time. A missing, unknown or disabled key, or one in no usage plan attached to this
/// API stage, answers 403 `{"message":"Forbidden"}`. An accepted key is recorded in the invocation
/// (`$context.identity.apiKey`, and the usage-plan throttles and quota of `LimitsPhase`).
/// Built per snapshot, so a request checks its key against the snapshot that routed it.
package struct ApiKeyPhase: RequestPhase {
    package let name = "apiKey"
    /// The request header AWS reads keys from (case-insensitive).
    package static let header = "x-api-key"
    let snapshot: CompiledSnapshot

    package init(snapshot: CompiledSnapshot) {
        self.snapshot = snapshot
    }

    package func process(_ invocation: inout Invocation) -> PhaseOutcome {
        guard invocation.route.apiKeyRequired else { return .proceed }
        guard invocation.stage.apiKeySource.uppercased() == "HEADER",
              let value = invocation.request.headers[Self.header], !value.isEmpty
        else { return .fail(.forbidden) }
        let digest = Digest.sha256Hex(value.utf8)
        guard let key = snapshot.apiKey(sha256Hex: digest), ConstantTime.equals(digest, key.valueSHA256), key.enabled,
              snapshot.usagePlan(keyId: key.id, restApiId: invocation.stage.restApiId, stage: invocation.stage.stageName) != nil
        else { return .fail(.forbidden) }
        invocation.apiKey = Invocation.ApiKeyIdentity(value: value, id: key.id)
        return .proceed
    }
}
