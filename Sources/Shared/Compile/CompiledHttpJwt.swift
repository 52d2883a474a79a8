/// A JWT authorizer as an HTTP API route runs it (`CompiledHttpRoute.jwt`): issuer, accepted
/// audiences, where the token is read and the route's `authorizationScopes`. Immutable.
package struct CompiledHttpJwt: Sendable, Equatable {
    /// Where the token is read: a request header or a query parameter, by name.
    package enum Source: Sendable, Equatable {
        case header(String)
        case querystring(String)
    }

    package let authorizerId: String
    package let issuer: String
    /// `aud` (or, without one, `client_id`) must be one of these.
    package let audiences: [String]
    package let source: Source
    /// One must be in the token's `scope`/`scp`; empty: no scope is required.
    package let scopes: [String]

    package init(authorizerId: String, issuer: String, audiences: [String], source: Source, scopes: [String]) {
        self.authorizerId = authorizerId
        self.issuer = issuer
        self.audiences = audiences
        self.source = source
        self.scopes = scopes
    }

    /// The JWT authorizer `route` names in `content`, compiled; nil when it is missing, not JWT, or
    /// has no issuer, no audience, or an identity source other than one `$request.header.X` /
    /// `$request.querystring.X` (the route then fails closed).
    static func compile(route: V2Route, content: V2DeployedContent) -> CompiledHttpJwt? {
        guard let id = route.authorizerId, let authorizer = content.authorizers.first(where: { $0.authorizerId == id }),
              authorizer.authorizerType == "JWT", let issuer = authorizer.jwtConfiguration?.issuer, !issuer.isEmpty,
              let audiences = authorizer.jwtConfiguration?.audience, !audiences.isEmpty,
              let sources = authorizer.identitySource, sources.count == 1 else { return nil }
        let source: Source
        if sources[0].hasPrefix("$request.header."), sources[0].count > "$request.header.".count {
            source = .header(String(sources[0].dropFirst("$request.header.".count)))
        } else if sources[0].hasPrefix("$request.querystring."), sources[0].count > "$request.querystring.".count {
            source = .querystring(String(sources[0].dropFirst("$request.querystring.".count)))
        } else {
            return nil
        }
        return CompiledHttpJwt(authorizerId: id, issuer: issuer, audiences: audiences, source: source, scopes: route.authorizationScopes ?? [])
    }
}
