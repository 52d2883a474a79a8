import Shared

extension DataPlaneNode {
    /// Everything `tollgate data-plane` takes, plus the seams other parts of the data plane plug into.
    package struct Configuration: Sendable {
        /// Listen address; port 0 picks a free port (`start()` returns it).
        package var host: String
        package var port: Int
        /// The control plane's snapshot endpoint base (`--control-plane http://HOST:PORT`).
        package var controlPlane: HTTPEndpointAddress
        /// Where the last good snapshot is kept (`--state-dir`); created when missing.
        package var stateDirectory: String
        /// This node's id in the control plane's node table (`--node-id`).
        package var nodeId: String
        /// Shared secret sent as `Authorization: Bearer …` on snapshot polls (`--cluster-secret`).
        package var clusterSecret: String
        /// `HOST:PORT` of this node's gossip socket, reported on every poll so peers learn it.
        package var gossipAddress: String?
        /// Event-loop threads serving requests (default: one per core).
        package var threads: Int
        /// The Lambda Invoke API for AWS_PROXY integrations (`--lambda-endpoint`).
        package var lambdaEndpoint: LambdaEndpoint?
        /// `$context.accountId` and the region in generated ARNs.
        package var accountId: String
        package var region: String
        /// Long-poll pacing and backoff.
        package var pollTiming: SnapshotPollStateMachine.Timing
        /// The largest snapshot this node takes, bytes (`--max-snapshot-bytes`, default 1 GiB;
        /// `SnapshotSizeLimit`). A larger one is refused and reported to the control plane.
        package var maximumSnapshotBytes: Int = SnapshotSizeLimit.defaultBytes
        /// Grace period for in-flight requests at shutdown.
        package var shutdownGracePeriod: Duration
        /// Most bytes of message bodies the node buffers at once, requests and upstream responses
        /// together (`--max-buffered-body-bytes`, default 512 MiB); over it new bodies get 503.
        package var maxBufferedBodyBytes: Int = BodyMemoryBudget.defaultLimit
        /// Proxies whose `X-Forwarded-For` names the client (`--trusted-proxy CIDR`, repeatable);
        /// empty: the socket's peer is the client (`aws:SourceIp`, `$context.identity.sourceIp`).
        package var trustedProxies: [IPAddressRange] = []
        /// How long a Lambda authorizer may take (`--authorizer-timeout`, default 10 s) before the
        /// request gets 500 `AUTHORIZER_FAILURE`.
        package var authorizerTimeout: Duration = .seconds(10)
        /// Issuer and JWKS overrides for user pools (`--user-pools FILE`; docs/authorization.md).
        package var userPools = UserPoolDirectory()
        /// Where AWS service integrations go (`--aws-endpoint`); nil: the service's AWS host over https.
        package var awsEndpoint: LambdaEndpoint?
        /// The keys Lambda and AWS service calls are signed with (`--aws-credentials`, `AWS_*`); none: unsigned.
        package var awsCredentials = AWSCredentialStore.none
        /// Where stages' access logs are written (`--access-log-dir`; `AccessLogDestination`); nil:
        /// standard output, each line prefixed `access-log {log group} `.
        package var accessLogDirectory: String?
        /// Bytes of access log lines each of the writer's buffers holds before it drops (tests shrink it).
        package var accessLogBufferBytes = AccessLogWriter.defaultBufferBytes
        /// Where spans of stages with `tracingEnabled` go (`--otlp-endpoint`, an OTLP/HTTP
        /// collector's traces URL); nil: standard output, one document per line prefixed `otlp-traces `.
        package var otlpEndpoint: LambdaEndpoint?
        /// How often buffered spans are sent (tests shorten it).
        package var traceExportInterval: Duration = .seconds(1)

        /// Seam for the chain's features (API keys, limits…): called once per applied snapshot, on
        /// the snapshot-apply queue (never on an event loop), before the snapshot goes live; the
        /// factories it returns are asked per route, and their filters join `DefaultChain`'s
        /// built-in ones in `ChainPhase` order for every request routed by that snapshot. A feature
        /// that does not care about the snapshot may ignore its argument.
        package var filterFactories: @Sendable (CompiledSnapshot) -> [any FilterFactory]
        /// Called on the snapshot-apply queue right after a snapshot is live on every loop (gossip
        /// peers, counters…). Must not block for long: the next snapshot waits for it.
        package var onSnapshotApplied: (@Sendable (Snapshot, CompiledSnapshot) -> Void)?
        /// Answers `/_tollgate/debug/…` requests (nil: not one of its paths), on the event loop.
        package var debugHandler: (@Sendable (HTTPRequest) -> HTTPResponse?)?
        /// The HTTPS listener beside the plain one (nil: none).
        package var tls: TLSListener?
        /// Trust for `https` integrations, the Lambda endpoint and JWKS fetches: the system CA store,
        /// plus `--ca-file` when given (nil: https calls fail with a TLS configuration error).
        package var upstreamTLS: TLSClientContexts? = TLSClientContexts.system
        /// Where `GET /_tollgate/metrics` is served (`--metrics-listen HOST:PORT`): nil, on the API
        /// listener(s); else only there (port 0 picks a free one, `metricsPort` tells it).
        package var metricsListen: (host: String, port: Int)?
        /// Whether requests are counted (`--metrics off` leaves the metrics filter out of every
        /// chain, for measuring its cost; the node's own metrics are still served).
        package var requestMetrics = true
        /// The gossip service's counters for metrics and health (nil: the node does not gossip).
        package var gossipStatistics: (@Sendable () -> GossipStatistics?)?
        /// The cluster limits' escrow figures for metrics (nil: no limits engine).
        package var quotaStatistics: (@Sendable () -> LimitsEngine.QuotaStatistics?)?
        /// The node's process log (docs/operations.md, "Process logs"); each part of the node
        /// speaks as its own component (`sync`, `upstream`, `access-log`, `tracing`, `mapping`, `signing`).
        package var log: ProcessLog

        package init(host: String = "127.0.0.1", port: Int = 0, controlPlane: HTTPEndpointAddress, stateDirectory: String,
                     nodeId: String, clusterSecret: String, gossipAddress: String? = nil,
                     threads: Int = EventLoopGroup.onlineCores, lambdaEndpoint: LambdaEndpoint? = nil,
                     accountId: String = "000000000000", region: String = "us-east-1",
                     pollTiming: SnapshotPollStateMachine.Timing = .init(), shutdownGracePeriod: Duration = .seconds(5),
                     filterFactories: @escaping @Sendable (CompiledSnapshot) -> [any FilterFactory] = { _ in [] },
                     onSnapshotApplied: (@Sendable (Snapshot, CompiledSnapshot) -> Void)? = nil,
                     debugHandler: (@Sendable (HTTPRequest) -> HTTPResponse?)? = nil,
                     log: ProcessLog = .discard) {
            self.host = host
            self.port = port
            self.controlPlane = controlPlane
            self.stateDirectory = stateDirectory
            self.nodeId = nodeId
            self.clusterSecret = clusterSecret
            self.gossipAddress = gossipAddress
            self.threads = max(1, threads)
            self.lambdaEndpoint = lambdaEndpoint
            self.accountId = accountId
            self.region = region
            self.pollTiming = pollTiming
            self.shutdownGracePeriod = shutdownGracePeriod
            self.filterFactories = filterFactories
            self.onSnapshotApplied = onSnapshotApplied
            self.debugHandler = debugHandler
            self.log = log
        }

        /// The node-wide settings of every pipeline this node builds. Each call makes a new
        /// `AuthorizerRuntime` (caches, keys): the node calls it once.
        var pipelineConfiguration: PipelineConfiguration {
            // IAM secrets arrive sealed under the cluster secret (docs/authorization.md).
            var configuration = PipelineConfiguration(
                lambdaEndpoint: lambdaEndpoint, accountId: accountId, region: region,
                secretSeal: SecretSeal(clusterSecret: clusterSecret), trustedProxies: trustedProxies,
                authorizers: AuthorizerRuntime(userPools: userPools, lambdaTimeout: authorizerTimeout))
            configuration.awsEndpoint = awsEndpoint
            configuration.awsSigner = AWSRequestSigner(credentials: awsCredentials, log: log.with(component: "signing").lines(at: .warn))
            return configuration
        }
    }
}
