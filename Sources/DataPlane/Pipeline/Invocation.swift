import Shared

/// Everything known about one routed request; passed through the route's chain.
///
/// A value type: filters take it `inout` on the thread handling the request; it is moved into the
/// integration's completion closure, so it must stay `Sendable`.
package struct Invocation: Sendable {
    /// An API key a phase accepted for this request (`$context.identity.apiKey/apiKeyId`).
    package struct ApiKeyIdentity: Sendable, Equatable {
        package let value: String
        package let id: String
        package init(value: String, id: String) {
            self.value = value
            self.id = id
        }
    }

    /// The client's request; its body is the decoded one once `RequestDecompressionFilter` has
    /// undone a `Content-Encoding` (`replaceBody`), the headers stay as received.
    package private(set) var request: HTTPRequest
    package let connection: ClientConnection
    package let stage: CompiledStage
    package let route: CompiledRoute
    /// Path parameter name → raw (still percent-encoded) value, in path order.
    package let pathParameters: [(name: String, value: String)]
    /// The request path after the stage, as received (`/pets/1/`; `/` for the stage root).
    package let path: String
    package private(set) var query: QueryParameters
    package let identifiers: RequestIdentifiers
    package let requestTimeEpochMillis: Int64
    /// Host header without port (`$context.domainName`); computed when asked (a Lambda proxy event,
    /// a template), not for every request: a proxied request never reads it.
    package var domainName: String { Self.hostWithoutPort(request.headers["Host"] ?? "") }
    package let accountId: String
    package var apiKey: ApiKeyIdentity?
    /// The IAM principal an `AWS_IAM` method's SigV4 check accepted (`$context.identity.userArn` …).
    package var iamCaller: IAMCallerIdentity?
    /// The client address a trusted proxy reported (`X-Forwarded-For`), set by the policy filter;
    /// nil: the socket's peer is the client.
    package var forwardedSourceIp: String?
    /// The API's resource policy's decision for the anonymous caller on this method ARN, left by the
    /// policy filter for `CUSTOM`/`COGNITO_USER_POOLS` methods (never `.explicitDeny`: that was refused
    /// before the authorizer); the authorizer filter combines it with its own result
    /// (`ResourcePolicyAuthorization`). nil: the API has no resource policy.
    package var resourcePolicyDecision: PolicyDecision?
    /// What the method's authorizer established (`$context.authorizer.*`); nil without one.
    package var authorizer: AuthorizerResult?
    /// Milliseconds the authorizer's call took (`$context.authorizer.integrationLatency`; 0 from the cache).
    package var authorizerLatencyMillis = 0
    /// What the authentication and authorization steps did (status, latency), for access logs.
    package var authSteps = AuthStepRecord()
    /// Facts filters leave for later ones (usage-plan grant, authorizer context…), typed by the
    /// feature that owns each slot.
    package var slots = InvocationSlots()
    /// The event loop the request arrived on, where a suspended filter must resume it (nil when the
    /// pipeline runs off a loop, as in benchmarks and some tests: filters then cannot suspend).
    package var eventLoop: EventLoop?
    /// The custom domain's base path that routed the request (`$context.customDomain.basePathMatched`,
    /// `(none)` for the empty one); nil when it came through an invoke URL.
    package var basePathMatched: String?
    /// An HTTP API's `overwrite:path` mapping: the path the integration is called with instead of
    /// its URI's (`HttpApiProxyIntegration`); nil without one.
    package var mappedIntegrationPath: String?

    package init(request: HTTPRequest, connection: ClientConnection, stage: CompiledStage, route: CompiledRoute, match: RouteMatch,
                 path: Substring, identifiers: RequestIdentifiers, requestTimeEpochMillis: Int64, accountId: String) {
        self.request = request
        self.connection = connection
        self.stage = stage
        self.route = route
        self.pathParameters = zip(route.pathParameterNames, match.parameterValues).map { ($0, String($1)) }
        self.path = path.isEmpty ? "/" : String(path)
        self.query = QueryParameters(raw: request.head.query)
        self.identifiers = identifiers
        self.requestTimeEpochMillis = requestTimeEpochMillis
        self.accountId = accountId
    }

    /// Replaces the request body with what later phases must see instead of the bytes received
    /// (the decompressed body). Only the method request's decoding step calls this.
    package mutating func replaceBody(_ body: [UInt8]) {
        request.body = body
    }

    /// Replaces the request target (path and query), the parsed query and the headers with what an
    /// HTTP API's parameter mapping made of them (`HttpApiParameterMappingFilter`), for the
    /// integration (an HTTP_PROXY request, a Lambda event); the route and path stay as matched.
    package mutating func replaceMapped(target: String, headers: HTTPHeaders) {
        request.head.target = target
        request.head.headers = headers
        query = QueryParameters(raw: request.head.query)
    }

    /// The path parameter `name`, raw.
    package func pathParameter(_ name: String) -> String? {
        pathParameters.first(where: { $0.name == name })?.value
    }

    /// `$context.identity.sourceIp`: what a trusted proxy reported, else the socket's peer.
    package var sourceIp: String { forwardedSourceIp ?? connection.remoteAddress }

    /// `$context.path`: `/{stage}{path}`; through a custom domain the path as requested (base path included).
    package var contextPath: String { basePathMatched == nil ? "/\(stage.stageName)\(path)" : String(request.head.path) }

    /// `$context.domainPrefix`: the first label of the domain name.
    package var domainPrefix: String {
        String(domainName.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    static func hostWithoutPort(_ host: String) -> String {
        if host.hasPrefix("["), let close = host.utf8.firstIndex(of: UInt8(ascii: "]")) { return String(host[...close]) }
        if let colon = host.utf8.lastIndex(of: UInt8(ascii: ":")) { return String(host[..<colon]) }
        return host
    }
}
