import ControlPlane
import Shared
#if canImport(Glibc)
import Glibc
#endif

/// `tollgate control-plane --listen HOST:PORT --data-dir DIR [--region R] [--account-id A]
/// --admin-access-key-id ID --admin-secret-access-key-file FILE --cluster-secret-file FILE [--threads N]
/// [--gossip HOST:PORT [--gossip-advertise HOST:PORT] [--gossip-interval MS]]`.
///
/// With `--gossip` the control plane joins the limits gossip as the quota observer and mint
/// authority (strict quotas need it); snapshots tell nodes where to reach it (`--gossip-advertise`,
/// default the bound address; port 0 binds any free port).
///
/// Every flag can come from `TOLLGATE_…` instead; the two secrets also from `--…-file` (see
/// `CommandOptions`; a secret given as a flag is accepted with a warning). Refuses to start without
/// admin credentials and a cluster secret. Prints `admin API listening on http://HOST:PORT` once bound; never prints secrets.
enum ControlPlaneCommand {
    static let flags: Set<String> = ["listen", "data-dir", "region", "account-id", "admin-access-key-id",
                                     "admin-secret-access-key", "cluster-secret", "threads", "gossip", "gossip-advertise",
                                     "gossip-interval"]

    static func configuration(_ options: CommandOptions) throws(UsageError) -> ControlPlaneService.Configuration {
        let (host, port) = try parseHostPort(options.value("listen") ?? "127.0.0.1:4000")
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
        if let text = options.value("gossip"), !text.isEmpty {
            guard let address = GossipAddress.resolve(text) else { throw UsageError("--gossip: cannot resolve '\(text)'") }
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

    static func run(_ arguments: [String]) throws(UsageError) -> Never {
        let signals = SignalHandler()
        let options = try CommandOptions(arguments, known: flags)
        let configuration = try configuration(options)
        options.printWarnings("control-plane")
        ServiceRunner.run("control-plane", signals: signals) {
            let service = try ControlPlaneService(configuration: configuration)
            for warning in service.startupWarnings { printWarning("control-plane", warning) }
            let port = try service.start()
            var banner = ["admin API listening on http://\(hostForURL(configuration.host)):\(port)",
                          "data directory \(configuration.dataDirectory), region \(configuration.region), account \(configuration.accountId)"]
            if let gossip = service.gossip { banner.append("quota observer gossip on udp://\(gossip.localAddress)") }
            return (banner, { await service.shutdown() })
        }
    }
}
