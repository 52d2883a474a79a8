import Shared

/// What an `apigatewayv2` authorizer may be, as AWS accepts it, with its defaults filled. Pure.
///
/// JWT (HTTP APIs only): `jwtConfiguration` with an `https://` issuer and at least one audience, one
/// identity source (`$request.header.X` or `$request.querystring.X`), nothing Lambda-specific.
/// REQUEST: a Lambda `authorizerUri`; on HTTP APIs `authorizerPayloadFormatVersion` 1.0 or 2.0
/// (required), `enableSimpleResponses` only with 2.0; a result TTL of 0–3600 s (default 0: no
/// caching) that needs an identity source when caching. `identityValidationExpression` is refused:
/// v2 Lambda authorizers do not use it.
enum V2AuthorizerRules {
    static func checked(_ authorizer: V2Authorizer, protocolType: String) throws(AdminError) -> V2Authorizer {
        var result = authorizer
        let isHTTP = protocolType == "HTTP"
        guard (1...128).contains(authorizer.name.count) else { throw .badRequest("Invalid name: must be 1 to 128 characters long") }
        if authorizer.identityValidationExpression != nil {
            throw .badRequest("identityValidationExpression is not supported for HTTP or WebSocket API authorizers")
        }
        switch authorizer.authorizerType {
        case "JWT":
            guard isHTTP else { throw .badRequest("JWT authorizers are supported only for HTTP APIs") }
            guard let jwt = authorizer.jwtConfiguration else { throw .badRequest("Invalid input: jwtConfiguration is required for a JWT authorizer") }
            guard let issuer = jwt.issuer, V2IntegrationRules.isHTTPURL(issuer), issuer.lowercased().hasPrefix("https://") else {
                throw .badRequest("Invalid jwtConfiguration.issuer: must be an https:// URL")
            }
            guard let audience = jwt.audience, !audience.isEmpty, audience.allSatisfy({ !$0.isEmpty }) else {
                throw .badRequest("Invalid jwtConfiguration.audience: at least one audience is required")
            }
            guard let sources = authorizer.identitySource, sources.count == 1,
                  sources[0].hasPrefix("$request.header.") || sources[0].hasPrefix("$request.querystring.") else {
                throw .badRequest("Invalid identitySource: a JWT authorizer takes one $request.header.X or $request.querystring.X")
            }
            for (member, present) in [("authorizerUri", authorizer.authorizerUri != nil),
                                      ("authorizerCredentialsArn", authorizer.authorizerCredentialsArn != nil),
                                      ("authorizerPayloadFormatVersion", authorizer.authorizerPayloadFormatVersion != nil),
                                      ("enableSimpleResponses", authorizer.enableSimpleResponses != nil),
                                      ("authorizerResultTtlInSeconds", authorizer.authorizerResultTtlInSeconds != nil)] where present {
                throw .badRequest("\(member) applies only to REQUEST authorizers")
            }
        case "REQUEST":
            if isHTTP, authorizer.authorizerPayloadFormatVersion == nil {
                throw .badRequest("AuthorizerPayloadFormatVersion is a required parameter for REQUEST authorizer")
            }
            if authorizer.jwtConfiguration != nil { throw .badRequest("jwtConfiguration applies only to JWT authorizers") }
            guard let uri = authorizer.authorizerUri, V2IntegrationRules.isLambdaTarget(uri) else {
                throw .badRequest("Invalid authorizerUri: must be a Lambda function's invocation URI")
            }
            if let arn = authorizer.authorizerCredentialsArn, !V2IntegrationRules.isCredentialsArn(arn) || arn.contains("*") {
                throw .badRequest("Invalid authorizerCredentialsArn: \(arn). Must be an IAM role ARN")
            }
            if isHTTP {
                guard let version = authorizer.authorizerPayloadFormatVersion else {
                    throw .badRequest("Invalid input: authorizerPayloadFormatVersion is required for a REQUEST authorizer of an HTTP API (1.0 or 2.0)")
                }
                guard ["1.0", "2.0"].contains(version) else { throw .badRequest("Invalid authorizerPayloadFormatVersion: \(version). Must be one of [1.0, 2.0]") }
                if authorizer.enableSimpleResponses == true, version != "2.0" {
                    throw .badRequest("enableSimpleResponses requires authorizerPayloadFormatVersion 2.0")
                }
            } else if authorizer.authorizerPayloadFormatVersion != nil || authorizer.enableSimpleResponses != nil {
                throw .badRequest("authorizerPayloadFormatVersion and enableSimpleResponses are supported only for HTTP APIs")
            }
            let ttl = authorizer.authorizerResultTtlInSeconds ?? 0
            guard (0...3_600).contains(ttl) else { throw .badRequest("Invalid authorizerResultTtlInSeconds: \(ttl). Must be between 0 and 3600") }
            if ttl > 0, (authorizer.identitySource ?? []).isEmpty {
                throw .badRequest("identitySource is required when authorizer caching is enabled (authorizerResultTtlInSeconds > 0)")
            }
            result.authorizerResultTtlInSeconds = ttl
        default:
            throw .badRequest("Invalid authorizerType: \(authorizer.authorizerType). Must be one of [REQUEST, JWT]")
        }
        for source in authorizer.identitySource ?? [] where !isIdentitySource(source, isHTTP: isHTTP) {
            throw .badRequest("Invalid identitySource: \(source)")
        }
        // What an HTTP API's REQUEST authorizer names, nodes must be able to read (each comma-separated
        // part; `$context.X` only for the variables the data plane resolves), else the route would fail closed.
        if isHTTP, authorizer.authorizerType == "REQUEST" {
            for source in authorizer.identitySource ?? [] {
                for part in source.split(separator: ",") where CompiledHttpLambdaAuthorizer.identitySource(part.trimmingASCIIWhitespace()) == nil {
                    throw .badRequest("Invalid identitySource: \(part.trimmingASCIIWhitespace())")
                }
            }
        }
        return result
    }

    /// `$request.header.X`, `$request.querystring.X`, `$context.X`, `$stageVariables.X` (HTTP APIs);
    /// `route.request.header.X`, `route.request.querystring.X`, `stageVariables.X`, `context.X` (WebSocket).
    static func isIdentitySource(_ source: String, isHTTP: Bool) -> Bool {
        let prefixes = isHTTP ? ["$request.header.", "$request.querystring.", "$context.", "$stageVariables."]
            : ["route.request.header.", "route.request.querystring.", "stageVariables.", "context."]
        return prefixes.contains { source.hasPrefix($0) && source.count > $0.count }
    }
}
