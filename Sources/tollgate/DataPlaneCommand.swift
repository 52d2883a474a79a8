import DataPlane
import Dispatch
import Foundation
import Shared
#if canImport(Glibc)
import Glibc
#endif

/// `tollgate data-plane --listen HOST:PORT --control-plane URL --state-dir DIR --node-id ID
/// --cluster-secret-file FILE [--gossip HOST:PORT [--gossip-advertise HOST:PORT] [--gossip-interval MS]]
/// [--threads N] [--lambda-endpoint URL] [--region R] [--account-id A] [--max-snapshot-bytes N]
/// [--max-buffered-body-bytes N] [--trusted-proxies CIDR,CIDR…] [--authorizer-timeout MS] [--user-pools FILE]
/// [--aws-endpoint URL] [--aws-credentials FILE] [--tls-listen HOST:PORT --tls-cert FILE --tls-key FILE] [--ca-file FILE]
/// [--metrics-listen HOST:PORT] [--metrics on|off] [--access-log-dir DIR] [--otlp-endpoint URL]`.
///
/// `GET /_tollgate/metrics` (Prometheus text, docs/operations.md "Metrics") is served on the API
/// listeners, or with `--metrics-listen` only on that listener; `--metrics off` stops counting
/// requests (to measure what counting costs). `GET /_tollgate/health` is served everywhere.
///
/// `--aws-endpoint` sends every AWS service integration to one endpoint (LocalStack, moto server);
/// without it they go to `https://{service}.{region}.amazonaws.com`. `--aws-credentials` names a JSON
/// file mapping IAM role ARNs (and `default`) to `{accessKeyId, secretAccessKey[, sessionToken]}`;
/// `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN` give the default when the file has
/// none. With no keys at all, Lambda and AWS service calls go unsigned (docs/compatibility.md, "credentials").
///
/// `https` integrations, an `https://` `--lambda-endpoint`, JWKS URLs and an `https://`
/// `--control-plane` are verified against the system CA store plus the PEM bundle `--ca-file`
/// (private CAs, tests). A control plane that fails verification is logged with libssl's reason
/// and the node keeps serving its last good snapshot.
///
/// `--tls-listen` serves the same routes over HTTPS beside `--listen`, with the PEM certificate
/// chain `--tls-cert` and its unencrypted key `--tls-key` (all three or none; a file that does not
/// load refuses to start the node). SIGHUP re-reads both files (docs/tls.md); it never ends the process.
///
/// `--trusted-proxies` (default none) names the proxies whose `X-Forwarded-For` is believed for
/// `aws:SourceIp` in resource policies and `$context.identity.sourceIp` (docs/authorization.md).
/// `--authorizer-timeout` bounds each Lambda authorizer call (default 10000 ms); `--user-pools`
/// names a JSON file mapping Cognito user-pool ARNs to another issuer and JWKS URL
/// (docs/authorization.md, "Cognito user pools and JWT").
///
/// `--max-snapshot-bytes` (default 1 GiB, `SnapshotSizeLimit`) bounds the snapshots the node takes;
/// a larger one is refused, the old one keeps serving, and `tollgate nodes` shows the error.
///
/// `--max-buffered-body-bytes` bounds the body memory of the whole node (request bodies and
/// upstream response bodies held at once; bytes, or with a `KiB`/`MiB`/`GiB` suffix; default
/// 512 MiB): a body that does not fit is answered 503 (docs/operations.md, "Memory").
///
/// Cluster limits (API keys, throttles, quotas) always run; with `--gossip` the node shares them
/// with its peers and the control plane over UDP at that address (advertised to peers as
/// `--gossip-advertise`, default the same), every `--gossip-interval` ms (default 100).
/// `--limits off` skips throttles and quotas (the API key check still runs: it is a protection):
/// for measuring their cost (bench/limits.sh) and for debugging, never for production.
///
/// Every flag can come from `TOLLGATE_…` instead, the cluster secret also from `--cluster-secret-file`
/// (a secret given as a flag is accepted with a warning). Prints `data plane listening on http://HOST:PORT`
/// (and `… on https://HOST:PORT` for `--tls-listen`) to stdout once bound; logs applied/rejected snapshots, control-plane
/// reachability, TLS reloads and failures to stderr as process-log lines (`--log-level`, `--log-format`, node = `--node-id`;
/// docs/operations.md, "Process logs"); shuts down gracefully on SIGTERM/SIGINT. Never prints the cluster secret.
enum DataPlaneCommand {
    static let flags = Set<String>(["listen", "control-plane", "state-dir", "node-id", "cluster-secret", "gossip", "threads",
                                     "lambda-endpoint", "region", "account-id", "gossip-advertise", "gossip-interval", "limits",
                                     "max-snapshot-bytes", "max-buffered-body-bytes", "trusted-proxies", "authorizer-timeout", "user-pools",
                                     "aws-endpoint", "aws-credentials", "tls-listen", "tls-cert", "tls-key", "ca-file",
                                     "metrics-listen", "metrics", "access-log-dir", "otlp-endpoint"])
        .union(LogOptions.flags)

    static func configuration(_ options: CommandOptions,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws(UsageError) -> DataPlaneNode.Configuration {
        let (host, port) = try parseHostPort(options.value("listen") ?? "127.0.0.1:8080")
        let url = try options.require("control-plane", why: "the control plane's URL, e.g. http://127.0.0.1:4000")
        guard let controlPlane = HTTPEndpointAddress(url) else { throw UsageError("--control-plane must look like http://HOST:PORT or https://HOST[:PORT]") }
        let threads = try options.value("threads").map { (text: String) throws(UsageError) -> Int in
            guard let n = Int(text), n > 0 else { throw UsageError("--threads must be a positive integer") }
            return n
        } ?? EventLoopGroup.onlineCores
        var gossip: String?
        if let text = options.value("gossip"), !text.isEmpty {
            let (gossipHost, gossipPort) = try parseHostPort(text)
            guard gossipPort > 0 else { throw UsageError("--gossip needs a fixed port (peers dial it)") }
            gossip = "\(hostForURL(gossipHost)):\(gossipPort)"
            if let advertised = options.value("gossip-advertise"), !advertised.isEmpty {
                let (advertisedHost, advertisedPort) = try parseHostPort(advertised)
                gossip = "\(hostForURL(advertisedHost)):\(advertisedPort)"
            }
        }
        var configuration = DataPlaneNode.Configuration(
            host: host, port: port, controlPlane: controlPlane,
            stateDirectory: try options.require("state-dir", why: "where the last good snapshot is kept"),
            nodeId: try options.require("node-id", why: "this node's name in the control plane's node table"),
            clusterSecret: try options.requireSecret("cluster-secret", why: "snapshot polls authenticate with it"),
            gossipAddress: gossip, threads: threads, lambdaEndpoint: nil,
            accountId: options.value("account-id") ?? "000000000000", region: options.value("region") ?? "us-east-1")
        configuration.log = try LogOptions.processLog(options, node: configuration.nodeId)
        if let text = options.value("max-snapshot-bytes") {
            guard let bytes = parseByteCount(text), bytes >= SnapshotSizeLimit.minimumBytes else {
                throw UsageError("--max-snapshot-bytes must be a number of bytes (e.g. 1073741824 or 1GiB), at least \(SnapshotSizeLimit.minimumBytes)")
            }
            configuration.maximumSnapshotBytes = bytes
        }
        try readAuthorizerOptions(options, into: &configuration)
        try readIntegrationOptions(options, environment: environment, into: &configuration)
        if let text = options.value("max-buffered-body-bytes") {
            guard let bytes = parseByteCount(text), bytes > 0 else {
                throw UsageError("--max-buffered-body-bytes must be a positive number of bytes (e.g. 536870912 or 512MiB)")
            }
            configuration.maxBufferedBodyBytes = bytes
        }
        if let text = options.value("trusted-proxies"), !text.isEmpty {
            configuration.trustedProxies = try text.split(separator: ",").map { (entry: Substring) throws(UsageError) -> IPAddressRange in
                guard let range = IPAddressRange(entry.utf8) else {
                    throw UsageError("--trusted-proxies must be a comma-separated list of addresses or CIDR ranges (e.g. 10.0.0.0/8,127.0.0.1)")
                }
                return range
            }
        }
        if let directory = options.value("access-log-dir"), !directory.isEmpty {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw UsageError("--access-log-dir: \(directory) is not a directory")
            }
            configuration.accessLogDirectory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        }
        configuration.tls = try tlsListener(options)
        try readMetricsOptions(options, into: &configuration)
        return configuration
    }

    /// `--metrics-listen HOST:PORT` (scrapes on their own listener, not the API's) and
    /// `--metrics on|off` (off: requests are not counted, to measure what counting costs), shared
    /// by `tollgate data-plane` and `tollgate dev`.
    static func readMetricsOptions(_ options: CommandOptions, into configuration: inout DataPlaneNode.Configuration) throws(UsageError) {
        if let text = options.value("metrics-listen"), !text.isEmpty {
            let (host, port) = try parseHostPort(text)
            configuration.metricsListen = (host, port)
        }
        switch options.value("metrics") ?? "on" {
        case "on": configuration.requestMetrics = true
        case "off": configuration.requestMetrics = false
        default: throw UsageError("--metrics must be on or off")
        }
    }

    /// The flags that say where a node's integrations go and what they are signed with, shared by
    /// `tollgate data-plane` and `tollgate dev` (`integrationFlags`): `--lambda-endpoint`,
    /// `--aws-endpoint`, `--aws-credentials` (default keys from `AWS_*` in `environment`), `--ca-file`
    /// and `--otlp-endpoint` (where traced stages' spans go).
    static let integrationFlags: Set<String> = ["lambda-endpoint", "aws-endpoint", "aws-credentials", "ca-file", "otlp-endpoint"]

    /// `--authorizer-timeout MS` and `--user-pools FILE`, shared by `tollgate data-plane` and
    /// `tollgate control-plane` (whose TestInvokeAuthorizer runs authorizers as a node does).
    static let authorizerFlags: Set<String> = ["authorizer-timeout", "user-pools"]

    static func readAuthorizerOptions(_ options: CommandOptions, into configuration: inout DataPlaneNode.Configuration) throws(UsageError) {
        if let text = options.value("authorizer-timeout") {
            guard let millis = Int(text), millis > 0 else { throw UsageError("--authorizer-timeout must be a positive number of milliseconds") }
            configuration.authorizerTimeout = .milliseconds(millis)
        }
        if let path = options.value("user-pools"), !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("--user-pools: cannot read \(path)") }
            do {
                configuration.userPools = try UserPoolDirectory.parse(Array(data))
            } catch {
                throw UsageError("--user-pools: \(error.description)")
            }
        }
    }

    static func readIntegrationOptions(_ options: CommandOptions, environment: [String: String],
                                       into configuration: inout DataPlaneNode.Configuration) throws(UsageError) {
        if let text = options.value("lambda-endpoint"), !text.isEmpty {
            guard let endpoint = LambdaEndpoint(url: text) else {
                throw UsageError("--lambda-endpoint must look like http://HOST:PORT or https://HOST[:PORT]")
            }
            configuration.lambdaEndpoint = endpoint
        }
        if let text = options.value("aws-endpoint"), !text.isEmpty {
            guard let endpoint = LambdaEndpoint(url: text), !endpoint.isTLS else {
                throw UsageError("--aws-endpoint must look like http://HOST:PORT (https is not supported)")
            }
            configuration.awsEndpoint = endpoint
        }
        if let text = options.value("otlp-endpoint"), !text.isEmpty {
            guard let endpoint = LambdaEndpoint(url: text), !endpoint.isTLS else {
                throw UsageError("--otlp-endpoint must look like http://HOST:PORT/v1/traces (https is not supported)")
            }
            configuration.otlpEndpoint = endpoint
        }
        configuration.awsCredentials = AWSCredentialStore(defaultCredentials: AWSCredentialStore.fromEnvironment(environment))
        if let path = options.value("aws-credentials"), !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("--aws-credentials: cannot read \(path)") }
            do {
                configuration.awsCredentials = try AWSCredentialStore.parse(Array(data), environment: environment)
            } catch {
                throw UsageError("--aws-credentials: \(error.description)")
            }
        }
        if let path = options.value("ca-file"), !path.isEmpty {
            do {
                configuration.upstreamTLS = try TLSClientContexts(caFile: path)
            } catch {
                throw UsageError("--ca-file: \(error.description)")
            }
        }
    }

    /// `--tls-listen HOST:PORT --tls-cert FILE --tls-key FILE`: all three or none (nil). The files
    /// are read and the key checked against the certificate here, so a bad one is a startup error.
    static func tlsListener(_ options: CommandOptions) throws(UsageError) -> TLSListener? {
        let names = ["tls-listen", "tls-cert", "tls-key"]
        let values = names.map { name in options.value(name).flatMap { $0.isEmpty ? nil : $0 } }
        if values.allSatisfy({ $0 == nil }) { return nil }
        guard let listen = values[0], let certificate = values[1], let key = values[2] else {
            let missing = zip(names, values).filter { $0.1 == nil }.map { "--\($0.0) (or \(CommandOptions.variable($0.0)))" }
            throw UsageError("--tls-listen, --tls-cert and --tls-key go together: missing \(missing.joined(separator: ", "))")
        }
        let (host, port) = try parseHostPort(listen)
        do {
            return try TLSListener(host: host, port: port, certificateFile: certificate, keyFile: key)
        } catch {
            throw UsageError("--tls-cert/--tls-key: \(error.description)")
        }
    }

    /// `N`, `NKiB`, `NMiB` or `NGiB` (binary units) as bytes; nil when malformed or too large.
    static func parseByteCount(_ text: String) -> Int? {
        let units: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30)]
        var digits = Substring(text)
        var scale = 1
        if let (suffix, factor) = units.first(where: { text.hasSuffix($0.0) }) {
            digits = digits.dropLast(suffix.count)
            scale = factor
        }
        guard let value = Int(digits) else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bytes
    }

    /// The node's cluster-limits settings: id, secret, gossip socket and interval.
    static func limitsConfiguration(_ options: CommandOptions, nodeId: String, clusterSecret: String) throws(UsageError) -> NodeLimits.Configuration {
        var limits = NodeLimits.Configuration(nodeID: NodeID(nodeId), clusterSecret: clusterSecret)
        if let text = options.value("gossip"), !text.isEmpty {
            guard let address = GossipAddress.resolve(text) else { throw UsageError("--gossip: cannot resolve '\(text)'") }
            limits.gossipBind = address
        }
        if let text = options.value("gossip-interval") {
            guard let millis = Int(text), millis > 0 else { throw UsageError("--gossip-interval must be a positive number of milliseconds") }
            limits.gossipTick = .milliseconds(millis)
        }
        return limits
    }

    /// `--limits on|off` (default on).
    static func limitsEnabled(_ options: CommandOptions) throws(UsageError) -> Bool {
        switch options.value("limits") ?? "on" {
        case "on": return true
        case "off": return false
        default: throw UsageError("--limits must be on or off")
        }
    }

    static func run(_ arguments: [String]) throws(UsageError) -> Never {
        let signals = SignalHandler()
        // Blocked before any thread starts, like `signals`: SIGHUP reloads, it never terminates.
        let reloads = SignalHandler(signals: [SIGHUP])
        let options = try CommandOptions(arguments, known: flags)
        let configuration = try configuration(options)
        let limitsConfiguration = try limitsConfiguration(options, nodeId: configuration.nodeId, clusterSecret: configuration.clusterSecret)
        let limitsOn = try limitsEnabled(options)
        options.logWarnings(configuration.log)
        ServiceRunner.run("data-plane", signals: signals) {
            let running = try startNode(configuration, limits: limitsConfiguration, limitsOn: limitsOn)
            reloadTLSOnHangUp(running.node, signals: reloads)
            var banner = ["data plane listening on http://\(hostForURL(configuration.host)):\(running.port)"]
            if let tls = configuration.tls, let tlsPort = running.node.tlsPort {
                banner.append("data plane listening on https://\(hostForURL(tls.host)):\(tlsPort)")
            }
            banner += ["node \(configuration.nodeId), control plane \(configuration.controlPlane), state directory \(configuration.stateDirectory)"]
            if let gossip = running.limits.gossipAddress { banner.append("gossip on udp://\(gossip)") }
            if let listen = configuration.metricsListen, let metricsPort = running.node.metricsPort {
                banner.append("metrics on http://\(hostForURL(listen.host)):\(metricsPort)/_tollgate/metrics")
            }
            return (banner, running.shutdown)
        }
    }

    /// Starts the `tollgate-reload` thread for `node` (`TLSReloadThread`).
    static func reloadTLSOnHangUp(_ node: DataPlaneNode, signals: SignalHandler) {
        TLSReloadThread.start(signals: signals, log: node.configuration.log, reloader: node.tlsReloader,
                              poll: { node.pollTLSFiles() }, hangUp: { node.reloadTLSOnHangUp() })
    }

    /// Builds and starts a node with cluster limits wired in (API keys, throttles, quotas, gossip);
    /// with `limitsOn` false only the API key check runs (throttles and quotas are left out, to measure what
    /// they cost; a key is a protection and is never skipped).
    static func startNode(_ configuration: DataPlaneNode.Configuration, limits limitsConfiguration: NodeLimits.Configuration,
                          limitsOn: Bool) throws -> RunningNode {
        var configuration = configuration
        let limits = try NodeLimits(configuration: limitsConfiguration)
        // A gossip socket bound to port 0 (tollgate dev) is advertised at the port it got.
        if configuration.gossipAddress == nil { configuration.gossipAddress = limits.gossipAddress }
        // API keys are a protection, not a limit: they are checked even with the limits off; the
        // built-in refusals (`DefaultChain`) are part of every chain whatever `--limits` says.
        configuration.filterFactories = limits.chainFeatures(limitsOn: limitsOn)
        configuration.debugHandler = LimitsDebugEndpoint(limits: limits).respond(to:)
        configuration.gossipStatistics = { [limits] in limits.gossip?.statistics }
        configuration.quotaStatistics = { [limits] in limits.quotaStatistics }
        let node = try DataPlaneNode(configuration: configuration)
        limits.start()
        do {
            return RunningNode(node: node, port: try node.start(), limits: limits)
        } catch {
            limits.shutdown()
            throw error
        }
    }
}

/// A started data-plane node and its cluster limits.
struct RunningNode: Sendable {
    let node: DataPlaneNode
    let port: Int
    let limits: NodeLimits

    /// Drains the node, then stops gossip.
    @Sendable func shutdown() async {
        await node.shutdown()
        limits.shutdown()
    }
}
