/// Verifies a JSON Web Token the way API Gateway's Cognito user-pool authorizer does. Pure: the
/// keys and the clock are the caller's.
///
/// In order, each failure a `JWTError`: `alg` must be RS256 or ES256 (`none` and HMAC are
/// refused: an issuer's public keys must never double as a shared secret); the key is the set's
/// key with the token's `kid` and must be of that algorithm; the signature must verify; `iss` must
/// equal the issuer; `exp` is required and must lie ahead, `nbf` and `iat` (when present) must not,
/// each within `skewSeconds`; `token_use` must be the expected one (`id` for a method without
/// scopes, `access` with scopes) unless the policy skips it; with scopes, the space-separated
/// `scope` claim must hold at least one of them; an audience pattern must match `aud`.
package enum JWTVerifier {
    /// What a token must satisfy besides its signature.
    package struct Policy: Sendable {
        package var issuer: String
        /// The `token_use` required; nil skips the check (issuers other than Cognito do not set it).
        package var tokenUse: String?
        /// A method's `authorizationScopes`: one must be in the token's `scope`.
        package var scopes: [String]
        /// `identityValidationExpression` (anchored) against `aud`.
        package var audiencePattern: ECMARegex?
        package var skewSeconds: Int64

        package init(issuer: String, tokenUse: String?, scopes: [String] = [], audiencePattern: ECMARegex? = nil, skewSeconds: Int64 = 30) {
            self.issuer = issuer
            self.tokenUse = tokenUse
            self.scopes = scopes
            self.audiencePattern = audiencePattern
            self.skewSeconds = skewSeconds
        }
    }

    /// The algorithms accepted, by their JWS names.
    package static func algorithm(_ name: String) throws(JWTError) -> SignatureVerificationKey.Algorithm {
        guard let algorithm = SignatureVerificationKey.Algorithm(rawValue: name) else { throw .unsupportedAlgorithm(name) }
        return algorithm
    }

    /// Checks `token` against `keys`, `policy` and `now` (epoch seconds).
    package static func verify(_ token: JSONWebToken, keys: JSONWebKeySet, policy: Policy, now: Int64) throws(JWTError) {
        try verifySignature(token, keys: keys)
        try checkClaims(token, policy: policy, now: now)
    }

    /// The algorithm, key and signature checks alone (what a cache of verified tokens may skip).
    package static func verifySignature(_ token: JSONWebToken, keys: JSONWebKeySet) throws(JWTError) {
        let algorithm = try algorithm(token.algorithm)
        guard let key = keys.keys[token.keyId ?? ""] else { throw .unknownKey }
        guard key.algorithm == algorithm else { throw .keyAlgorithmMismatch }
        guard key.verify(signature: token.signature, message: token.signingInput) else { throw .badSignature }
    }

    /// The claim checks alone (issuer, times, token use, scopes, audience): run on every request,
    /// also for a token whose signature was verified earlier.
    package static func checkClaims(_ token: JSONWebToken, policy: Policy, now: Int64) throws(JWTError) {
        guard token.string("iss") == policy.issuer else { throw .wrongIssuer }
        let current = Double(now)
        let skew = Double(policy.skewSeconds)
        guard let expires = token.seconds("exp"), current < expires + skew else { throw .expired }
        if token.claims["nbf"] != nil {
            guard let notBefore = token.seconds("nbf"), notBefore <= current + skew else { throw .notYetValid }
        }
        if token.claims["iat"] != nil {
            guard let issued = token.seconds("iat"), issued <= current + skew else { throw .issuedInFuture }
        }
        if let tokenUse = policy.tokenUse, token.string("token_use") != tokenUse { throw .wrongTokenUse }
        if !policy.scopes.isEmpty {
            let granted = (token.string("scope") ?? "").split(separator: " ")
            guard policy.scopes.contains(where: { wanted in granted.contains { $0 == wanted } }) else { throw .missingScope }
        }
        if let pattern = policy.audiencePattern {
            var audiences: [String] = []
            switch token.claims["aud"] {
            case .string(let text)?: audiences = [text]
            case .array(let items)?: audiences = items.compactMap { if case .string(let text) = $0 { return text } else { return nil } }
            default: break
            }
            guard audiences.contains(where: { pattern.search($0) == .match }) else { throw .audienceMismatch }
        }
    }
}
