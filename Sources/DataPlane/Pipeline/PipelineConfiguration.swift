import Shared

/// Node-wide settings the pipeline needs.
package struct PipelineConfiguration: Sendable {
    /// Where the Lambda Invoke API is served (`--lambda-endpoint`), nil when not configured: AWS_PROXY
    /// integrations then answer 500 `Internal server error`.
    package var lambdaEndpoint: LambdaEndpoint?
    /// `$context.accountId`.
    package var accountId: String
    package var region: String
    /// Opens the sealed IAM secret access keys of snapshots (from the cluster secret); nil: no IAM
    /// key is usable, so every `AWS_IAM` call is refused as from an unknown key.
    package var secretSeal: SecretSeal?
    /// Proxies whose `X-Forwarded-For` is believed (`--trusted-proxy CIDR`): when the socket peer
    /// is one, `$context.identity.sourceIp` and `aws:SourceIp` are the rightmost untrusted address
    /// of the header. Empty (the default): the socket's peer, whatever the header says.
    package var trustedProxies: [IPAddressRange]
    /// The node's authorizer state (result caches, signing keys, user pools), shared by every
    /// pipeline and snapshot of the node.
    package var authorizers: AuthorizerRuntime
    /// The node's stage caches (one per stage with `cacheClusterEnabled`), shared the same way.
    package var stageCaches: StageCacheRuntime
    /// Where AWS service integrations are sent (`--aws-endpoint`, one endpoint for every service, as
    /// LocalStack and moto serve them); nil: `https://{service}.{region}.amazonaws.com`.
    package var awsEndpoint: LambdaEndpoint?
    /// Signs Lambda and AWS service calls with the node's keys (`--aws-credentials`, `AWS_*`); with
    /// none configured, calls go unsigned.
    package var awsSigner: AWSRequestSigner = AWSRequestSigner()
    /// The node's body memory (`DataPlaneNode.bodyBudget`), which decompressed request bodies are
    /// counted against as they grow; nil (tests, benchmarks): only the 10 MiB payload limit bounds them.
    package var bodyBudget: BodyMemoryBudget?
    /// The node's access log writer (`DataPlaneNode`); nil (tests, benchmarks): no route carries an
    /// access log filter, whatever its stage's `accessLogSettings`.
    package var accessLogs: AccessLogWriter?
    /// The node's span exporter (`DataPlaneNode`); nil (tests, benchmarks): no route traces.
    package var traces: TraceExporter?

    package init(lambdaEndpoint: LambdaEndpoint? = nil, accountId: String = "000000000000", region: String = "us-east-1",
                 secretSeal: SecretSeal? = nil, trustedProxies: [IPAddressRange] = [],
                 authorizers: AuthorizerRuntime = AuthorizerRuntime(), stageCaches: StageCacheRuntime = StageCacheRuntime()) {
        self.stageCaches = stageCaches
        self.lambdaEndpoint = lambdaEndpoint
        self.accountId = accountId
        self.region = region
        self.secretSeal = secretSeal
        self.trustedProxies = trustedProxies
        self.authorizers = authorizers
    }
}

/// A parsed `--lambda-endpoint` (or `--aws-endpoint`) URL: `http[s]://host[:port][/base]`.
package struct LambdaEndpoint: Sendable, Equatable {
    package let isTLS: Bool
    package let host: String
    package let port: Int
    package let hostHeader: String
    /// Path prefix without a trailing slash (`""` for none).
    package let basePath: String

    /// Nil when `url` is not an absolute http(s) URL without query.
    package init?(url: String) {
        guard let endpoint = HTTPEndpointParsing.parse(url), endpoint.query == nil else { return nil }
        isTLS = endpoint.isTLS
        host = endpoint.host
        port = endpoint.port
        hostHeader = endpoint.hostHeader
        var base = endpoint.path
        while base.hasSuffix("/") { base.removeLast() }
        basePath = base
    }
}
