/// A Lambda (`REQUEST`) authorizer as an HTTP API route runs it (`CompiledHttpRoute.lambda`):
/// the function, how it is called and read, where the identity comes from and how long results
/// are cached (AWS developer guide, "Control access to HTTP APIs with AWS Lambda authorizers").
/// Immutable; compiled once per stage and route by `HttpApiCompiler`.
package struct CompiledHttpLambdaAuthorizer: Sendable, Equatable {
    package let authorizerId: String
    /// The function's name or ARN (from `authorizerUri`, stage variables substituted).
    package let function: String
    /// `authorizerCredentialsArn` (stage variables substituted): the role whose keys sign the call;
    /// nil: the node's default keys.
    package let credentials: String?
    /// `authorizerPayloadFormatVersion`: `1.0` (REST's REQUEST event, a policy answer) or `2.0`.
    package let payloadFormatVersion: String
    /// `enableSimpleResponses` (2.0 only): the answer is `{"isAuthorized": bool, "context": {…}}`.
    package let simpleResponses: Bool
    /// The identity sources in the definition's order (each entry split at commas): every one must
    /// be present and non-empty, else 401 without a call; their values are the cache key.
    package let identitySources: [IdentitySource]
    /// `authorizerResultTtlInSeconds` (default 0: no caching).
    package let ttlSeconds: Int

    package init(authorizerId: String, function: String, credentials: String?, payloadFormatVersion: String, simpleResponses: Bool,
                 identitySources: [IdentitySource], ttlSeconds: Int) {
        self.authorizerId = authorizerId
        self.function = function
        self.credentials = credentials
        self.payloadFormatVersion = payloadFormatVersion
        self.simpleResponses = simpleResponses
        self.identitySources = identitySources
        self.ttlSeconds = ttlSeconds
    }

    /// Whether results are cached: a TTL above 0 and at least one identity source (AWS: without
    /// an identity source the authorizer is called for every request).
    package var caches: Bool { ttlSeconds > 0 && !identitySources.isEmpty }

    /// The REQUEST authorizer `route` names in `content`, compiled for a stage with `variables`;
    /// nil (the route then fails closed with 500) when it is missing, not REQUEST, its URI is not a
    /// Lambda function, its payload format is not 1.0/2.0, simple responses are asked of 1.0, or an
    /// identity source is not one of `$request.header.X`, `$request.querystring.X`, `$context.X`
    /// (a name `IdentitySource.contextNames` lists) or `$stageVariables.X`.
    static func compile(route: V2Route, content: V2DeployedContent, variables: [String: String]) -> CompiledHttpLambdaAuthorizer? {
        guard let id = route.authorizerId, let authorizer = content.authorizers.first(where: { $0.authorizerId == id }),
              authorizer.authorizerType == "REQUEST", let raw = authorizer.authorizerUri,
              let uri = StageVariableTemplate.substitute(raw, variables: variables),
              let function = LambdaFunctionURI.functionName(in: uri) ?? (uri.hasPrefix("arn:") && uri.contains(":lambda:") ? uri : nil)
        else { return nil }
        let version = authorizer.authorizerPayloadFormatVersion ?? "1.0"
        guard version == "1.0" || version == "2.0" else { return nil }
        let simple = authorizer.enableSimpleResponses ?? false
        guard !simple || version == "2.0" else { return nil }
        var sources: [IdentitySource] = []
        for entry in authorizer.identitySource ?? [] {
            for part in entry.split(separator: ",") {
                guard let source = identitySource(part.trimmingASCIISpaces()) else { return nil }
                sources.append(source)
            }
        }
        var credentials: String?
        if let role = authorizer.authorizerCredentialsArn, !role.isEmpty {
            guard let resolved = StageVariableTemplate.substitute(role, variables: variables) else { return nil }
            // Emptied by stage variables: the unresolved text, which maps to no keys (fail closed).
            credentials = resolved.isEmpty ? role : resolved
        }
        return CompiledHttpLambdaAuthorizer(authorizerId: id, function: function, credentials: credentials, payloadFormatVersion: version,
                                            simpleResponses: simple, identitySources: sources,
                                            ttlSeconds: max(0, authorizer.authorizerResultTtlInSeconds ?? 0))
    }

    /// One v2 identity source (`$request.header.X`, `$request.querystring.X`, `$context.X`,
    /// `$stageVariables.X`) as the shared `IdentitySource`; nil for anything else.
    package static func identitySource(_ text: Substring) -> IdentitySource? {
        let forms: [(String, String)] = [
            ("$request.header.", "method.request.header."), ("$request.querystring.", "method.request.querystring."),
            ("$context.", "context."), ("$stageVariables.", "stageVariables."),
        ]
        for (prefix, shared) in forms where text.hasPrefix(prefix) {
            return IdentitySource(Substring(shared + text.dropFirst(prefix.count)))
        }
        return nil
    }
}
