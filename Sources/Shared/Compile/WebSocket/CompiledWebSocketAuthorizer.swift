/// A `$connect` route's REQUEST (Lambda) authorizer, compiled: the function, the role to sign its
/// invocation with, and the identity sources that must all be present (else 401 Unauthorized
/// without calling it). Immutable.
package struct CompiledWebSocketAuthorizer: Sendable, Equatable {
    package enum Source: Sendable, Equatable {
        /// `route.request.header.X` (case-insensitive name).
        case header(String)
        /// `route.request.querystring.X`.
        case query(String)
        /// `stageVariables.X`.
        case stageVariable(String)
    }

    package let authorizerId: String
    package let function: String
    package let credentials: String?
    package let sources: [Source]

    package init(authorizerId: String, function: String, credentials: String?, sources: [Source]) {
        self.authorizerId = authorizerId
        self.function = function
        self.credentials = credentials
        self.sources = sources
    }

    /// Compiles the authorizer `route` names; the error is the refusal reason (the route fails closed).
    package static func compile(for route: V2Route, in content: V2DeployedContent) -> Result<CompiledWebSocketAuthorizer, WebSocketCompileRefusal> {
        guard let id = route.authorizerId, let authorizer = content.authorizers.first(where: { $0.authorizerId == id }),
              authorizer.authorizerType == "REQUEST" else {
            return .failure(WebSocketCompileRefusal("the REQUEST authorizer of route \(route.routeKey) is missing"))
        }
        guard let uri = authorizer.authorizerUri,
              let function = LambdaFunctionURI.functionName(in: uri) ?? (uri.hasPrefix("arn:") && uri.contains(":lambda:") ? uri : nil) else {
            return .failure(WebSocketCompileRefusal("authorizer \(id): authorizerUri is not a Lambda function"))
        }
        var sources: [Source] = []
        for source in authorizer.identitySource ?? [] {
            if source.hasPrefix("route.request.header.") {
                sources.append(.header(String(source.dropFirst("route.request.header.".count))))
            } else if source.hasPrefix("route.request.querystring.") {
                sources.append(.query(String(source.dropFirst("route.request.querystring.".count))))
            } else if source.hasPrefix("stageVariables.") {
                sources.append(.stageVariable(String(source.dropFirst("stageVariables.".count))))
            } else {
                return .failure(WebSocketCompileRefusal("authorizer \(id): identity source \(source) is not evaluated by Tollgate yet"))
            }
        }
        return .success(CompiledWebSocketAuthorizer(authorizerId: id, function: function, credentials: authorizer.authorizerCredentialsArn,
                                                    sources: sources))
    }
}

/// Why part of a WebSocket stage is not served (for logs; the part fails closed).
package struct WebSocketCompileRefusal: Error, Sendable, Equatable {
    package let reason: String

    package init(_ reason: String) { self.reason = reason }
}
