import Shared

/// Method-request filter in the `authorizer` slot of HTTP API routes with `authorizationType: JWT`
/// (reference §4.3; docs/authorization.md): verifies the token of the authorizer's identity source.
///
/// The header (`Bearer ` tolerated) or query parameter must hold a JWT signed RS256/ES256 by a key of
/// the issuer's JWKS, with `iss` equal to the configured issuer, `exp`/`nbf`/`iat` valid (30 s of
/// skew, `JWTVerifier`), and `aud` (or, without one, `client_id`) among the configured audiences;
/// else 401 `{"message":"Unauthorized"}`. With `authorizationScopes`, the token's `scope` (or `scp`)
/// must hold one of them, else 403 `{"message":"Forbidden"}` (AWS's split between the two is
/// unverified). Keys come from the node's `JWKSStore` at `jwksURL`; a request parks on its loop
/// while they are fetched, and keys that cannot be fetched answer 500. The claims and scopes reach
/// `requestContext.authorizer.jwt` of payload 2.0 events (`Invocation.authorizer`).
struct HttpApiJwtFilter: RequestFilter {
    let jwt: CompiledHttpJwt
    let jwksURL: String
    let runtime: AuthorizerRuntime
    let invoker: any IntegrationInvoker

    var name: String { "jwtAuthorizer" }

    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        let raw: String?
        switch jwt.source {
        case .header(let name): raw = invocation.request.headers[name]
        case .querystring(let name): raw = invocation.query.last(name)
        }
        guard let raw, !raw.isEmpty else { return .fail(.unauthorized) }
        guard let token = try? JSONWebToken(CognitoAuthorizerFilter.withoutBearer(raw)),
              (try? JWTVerifier.algorithm(token.algorithm)) != nil, token.string("iss") == jwt.issuer else { return .fail(.unauthorized) }
        let held = runtime.keys.keys(for: jwksURL)
        if let held, held.keys[token.keyId ?? ""] != nil {
            return Self.outcome(verify(token, keys: held))
        }
        let (runtime, invoker, url, loop) = (runtime, invoker, jwksURL, invocation.eventLoop)
        // Off a loop nothing can park: the keys held decide (an unknown `kid` is 401), none → 500.
        guard loop != nil else { return held.map { Self.outcome(verify(token, keys: $0)) } ?? .fail(.authorizerFailure) }
        return .suspend(PhaseSuspension { resume in
            runtime.keys.fetch(url, invoker: invoker) { keys in
                let next = keys.map { Self.outcome(verify(token, keys: $0)) } ?? .fail(.authorizerFailure)
                // Always through the loop's queue: the store may answer synchronously, from inside `park`.
                loop?.execute { resume(next) }
            }
        })
    }

    private static func outcome(_ result: Result<AuthorizerResult, GatewayError>) -> PhaseOutcome {
        switch result {
        case .success(let exposed): return .proceedUpdating { $0.authorizer = exposed }
        case .failure(let error): return .fail(error)
        }
    }

    /// Signature, claims, audience, then scopes. 401 for anything wrong with the token, 403 for
    /// a valid token without a required scope.
    func verify(_ token: JSONWebToken, keys: JSONWebKeySet) -> Result<AuthorizerResult, GatewayError> {
        do {
            try JWTVerifier.verifySignature(token, keys: keys)
            try JWTVerifier.checkClaims(token, policy: JWTVerifier.Policy(issuer: jwt.issuer, tokenUse: nil), now: runtime.epochSeconds())
        } catch {
            return .failure(.unauthorized)
        }
        let audiences = Self.strings(token.claims["aud"])
        let presented = audiences.isEmpty ? Self.strings(token.claims["client_id"]) : audiences
        guard presented.contains(where: jwt.audiences.contains) else { return .failure(.unauthorized) }
        let granted = Self.scopes(of: token)
        if !jwt.scopes.isEmpty, !jwt.scopes.contains(where: granted.contains) { return .failure(.forbidden) }
        return .success(AuthorizerResult(principalId: nil, claims: token.claimStrings))
    }

    /// The token's scopes: `scope` split at spaces, or `scp` (a list or a space-separated string).
    static func scopes(of token: JSONWebToken) -> [String] {
        if let scope = token.string("scope") { return scope.split(separator: " ").map(String.init) }
        return strings(token.claims["scp"]).flatMap { $0.split(separator: " ").map(String.init) }
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let text)?: return [text]
        case .array(let items)?: return items.compactMap { if case .string(let text) = $0 { return text } else { return nil } }
        default: return []
        }
    }
}

/// Puts `HttpApiJwtFilter` on every HTTP API route with a JWT authorizer. Always part of the HTTP
/// API chain (`DefaultChain.httpApiFactories`): a JWT route is never served without it.
struct HttpApiJwtFilterFactory: FilterFactory {
    let runtime: AuthorizerRuntime
    let invoker: any IntegrationInvoker

    var phase: ChainPhase { .authorizer }

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        guard let jwt = route.httpApi?.jwt else { return nil }
        return HttpApiJwtFilter(jwt: jwt, jwksURL: Self.jwksURL(issuer: jwt.issuer, directory: runtime.userPools), runtime: runtime,
                                invoker: invoker)
    }

    /// Where `issuer`'s keys are: the `jwksUri` the node's `--user-pools` file gives a pool of that
    /// issuer, else `{issuer}/.well-known/jwks.json` (Cognito's layout; OIDC discovery is not followed yet).
    static func jwksURL(issuer: String, directory: UserPoolDirectory) -> String {
        if let pool = directory.overrides.values.sorted(by: { $0.jwksURL < $1.jwksURL }).first(where: { $0.issuer == issuer }) {
            return pool.jwksURL
        }
        return (issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer) + "/.well-known/jwks.json"
    }
}
