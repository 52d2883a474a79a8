import ControlPlane
import DataPlane
import Foundation
import Shared
#if canImport(Glibc)
import Glibc
#endif

/// `tollgate control-plane --listen HOST:PORT|off [--tls-listen HOST:PORT --tls-cert FILE --tls-key FILE] --data-dir DIR [--region R] [--account-id A]
/// --admin-access-key-id ID --admin-secret-access-key-file FILE --cluster-secret-file FILE [--threads N]
/// [--gossip HOST:PORT|off [--gossip-advertise HOST:PORT] [--gossip-interval MS]]
/// [--lambda-endpoint URL] [--aws-endpoint URL] [--aws-credentials FILE] [--ca-file FILE]
/// [--authorizer-timeout MS] [--user-pools FILE]`.
///
/// TestInvokeMethod and TestInvokeAuthorizer run in this process through the data plane's pipeline
/// (`DefinitionTestRunner`), so it takes the integration and authorizer flags of `tollgate
/// data-plane`, parsed by the same code (docs/operations.md, "Running the control plane").
///
/// The control plane joins the limits gossip as the quota observer and mint authority (strict
/// quotas need it, GetUsage reads it, and it persists quota counts) **by default**: on UDP at the
/// `--listen` address with the same port number (TCP and UDP ports are separate, so two control
/// planes on one machine, which need two listen ports, never collide; listen port 0 gossips on a
/// free UDP port). `--gossip HOST:PORT` binds elsewhere; `--gossip off` opts out (nodes then
/// enforce every quota in fast mode and nothing is persisted). Snapshots tell nodes where to reach
/// it (`--gossip-advertise`, default the bound address).
///
/// `--tls-listen` serves the admin API and the snapshot endpoint over HTTPS too (issue 15), with the
/// PEM chain `--tls-cert` and its unencrypted key `--tls-key` (all three or none, read at start: a
/// bad pair refuses to start); `--listen off` leaves only the HTTPS listener. SIGHUP and a change
/// of either file reload the certificate as on a node (`TLSReloadThread`); SIGHUP never ends the
/// process. With `--listen off` the default gossip address is the `--tls-listen` one.
///
/// Every flag can come from `TOLLGATE_…` instead; the two secrets also from `--…-file` (see
/// `CommandOptions`; a secret given as a flag is accepted with a warning). Refuses to start without
/// admin credentials and a cluster secret. Prints `admin API listening on http://HOST:PORT` (and `… on https://HOST:PORT`) to stdout once bound; logs to
/// stderr as process-log lines, node `control-plane`, every audit entry among them (docs/operations.md, "Process logs");
/// never prints secrets.
enum ControlPlaneCommand {
    static let flags = Set<String>(["listen", "data-dir", "region", "account-id", "admin-access-key-id",
                                     "admin-secret-access-key", "cluster-secret", "threads", "gossip", "gossip-advertise",
                                     "gossip-interval", "tls-listen", "tls-cert", "tls-key"]).union(LogOptions.flags).union(testInvokeFlags)

    /// What TestInvokeMethod and TestInvokeAuthorizer call, with a node's meaning
    /// (`DataPlaneCommand.integrationFlags` but `--otlp-endpoint`: test runs are not traced).
    static let testInvokeFlags: Set<String> = DataPlaneCommand.integrationFlags.subtracting(["otlp-endpoint"])
        .union(DataPlaneCommand.authorizerFlags)

    static func configuration(_ options: CommandOptions) throws(UsageError) -> ControlPlaneService.Configuration {
        let listen = options.value("listen") ?? "127.0.0.1:4000"
        let tls = try DataPlaneCommand.tlsListener(options)
        let servesPlain = listen.lowercased() != "off"
        guard servesPlain || tls != nil else { throw UsageError("--listen off needs --tls-listen (the control plane would have no listener)") }
        // Without a plain listener the gossip default follows the HTTPS one.
        var (host, port) = (tls?.host ?? "127.0.0.1", tls?.port ?? 0)
        if servesPlain { (host, port) = try parseHostPort(listen) }
        let threads = Int(options.value("threads") ?? "1") ?? 0
        guard threads > 0 else { throw UsageError("--threads must be a positive integer") }
        var configuration = ControlPlaneService.Configuration(
            host: host, port: port,
            dataDirectory: try options.require("data-dir", why: "where the SQLite database lives"),
            region: options.value("region") ?? "us-east-1",
            accountId: options.value("account-id") ?? "000000000000",
            adminAccessKeyId: try options.require("admin-access-key-id", why: "admin requests must be signed with it"),
            adminSecretAccessKey: try options.requireSecret("admin-secret-access-key", why: "admin requests must be signed with it"),
            clusterSecret: try options.requireSecret("cluster-secret", why: "data-plane nodes authenticate with it"),
            threads: threads)
        configuration.log = try LogOptions.processLog(options, node: "control-plane")
        configuration.tls = tls
        configuration.servesPlain = servesPlain
        if let address = try gossipBind(options.value("gossip"), listenHost: host, listenPort: port) {
            configuration.gossipBind = address
            if let advertised = options.value("gossip-advertise"), !advertised.isEmpty {
                let (advertisedHost, advertisedPort) = try parseHostPort(advertised)
                guard advertisedPort > 0 else { throw UsageError("--gossip-advertise needs a fixed port") }
                configuration.gossipAdvertise = "\(hostForURL(advertisedHost)):\(advertisedPort)"
            }
        }
        if let text = options.value("gossip-interval") {
            guard let millis = Int(text), millis > 0 else { throw UsageError("--gossip-interval must be a positive number of milliseconds") }
            configuration.gossipInterval = .milliseconds(millis)
        }
        return configuration
    }

    /// What the data plane's test runner calls, from the integration and authorizer flags a node
    /// takes (`--lambda-endpoint`, `--aws-endpoint`, `--aws-credentials` or `AWS_*`, `--ca-file`,
    /// `--authorizer-timeout`, `--user-pools`), read by the node's own parsers. Pure: `run` starts
    /// the runner (its event loop) from it.
    static func testInvokeSettings(_ options: CommandOptions, environment: [String: String],
                                   log: ProcessLog) throws(UsageError) -> DataPlaneNode.Configuration {
        var node = DataPlaneNode.Configuration(controlPlane: HTTPEndpointAddress(host: "127.0.0.1", port: 0), stateDirectory: "",
                                               nodeId: "control-plane-test-invoke", clusterSecret: "", log: log)
        try DataPlaneCommand.readAuthorizerOptions(options, into: &node)
        try DataPlaneCommand.readIntegrationOptions(options, environment: environment, into: &node)
        return node
    }

    /// Where the observer's gossip socket binds: `--gossip` absent or empty → the listen host and
    /// port number over UDP; `off` → nil (no gossip); otherwise the given `HOST:PORT`.
    static func gossipBind(_ option: String?, listenHost: String, listenPort: Int) throws(UsageError) -> SocketAddress? {
        let text = option.flatMap { $0.isEmpty ? nil : $0 } ?? "\(hostForURL(listenHost)):\(listenPort)"
        if text.lowercased() == "off" { return nil }
        guard let address = GossipAddress.resolve(text) else { throw UsageError("--gossip: cannot resolve '\(text)' (HOST:PORT or off)") }
        return address
    }

    static func run(_ arguments: [String]) throws(UsageError) -> Never {
        let signals = SignalHandler()
        // Blocked before any thread starts, like `signals`: SIGHUP reloads, it never terminates.
        let reloads = SignalHandler(signals: [SIGHUP])
        let options = try CommandOptions(arguments, known: flags)
        var configuration = try configuration(options)
        let testSettings = try testInvokeSettings(options, environment: ProcessInfo.processInfo.environment, log: configuration.log)
        options.logWarnings(configuration.log)
        let runner = DefinitionTestRunner(configuration: testSettings)
        configuration.testInvoker = runner
        ServiceRunner.run("control-plane", signals: signals) {
            let service = try ControlPlaneService(configuration: configuration)
            for warning in service.startupWarnings { configuration.log.with(component: "startup").warn(warning) }
            let port = try service.start()
            TLSReloadThread.start(signals: reloads, log: configuration.log, reloader: service.tlsReloader,
                                  poll: { service.pollTLSFiles() }, hangUp: { service.reloadTLSOnHangUp() })
            var banner: [String] = []
            if configuration.servesPlain { banner.append("admin API listening on http://\(hostForURL(configuration.host)):\(port)") }
            if let tls = configuration.tls, let tlsPort = service.tlsPort {
                banner.append("admin API listening on https://\(hostForURL(tls.host)):\(tlsPort)")
            }
            banner += ["data directory \(configuration.dataDirectory), region \(configuration.region), account \(configuration.accountId)"]
            if let gossip = service.gossip { banner.append("quota observer gossip on udp://\(gossip.localAddress)") }
            return (banner, {
                await service.shutdown()
                await runner.shutdown()
            })
        }
    }
}
