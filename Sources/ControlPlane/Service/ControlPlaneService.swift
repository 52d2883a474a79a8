import Foundation
import Shared
import Synchronization

/// The control-plane process: the admin REST API (SigV4) and the snapshot long-poll endpoint on one
/// HTTP server, over one SQLite store; and the quota observer (`QuotaLedger`), which joins the
/// limits gossip when `gossipBind` is set.
///
/// With `Configuration.tls` the same handler also serves HTTPS on its own address (`--tls-listen`,
/// issue 15), beside the plain listener or, with `servesPlain` false, instead of it; its
/// certificate is reloaded on SIGHUP and on change like a node's (`ControlPlaneService+TLS`).
///
/// Threads: the HTTP server's event loops parse requests, check signatures and answer polls; every
/// store transaction runs on one serial queue (`storeQueue`) so a slow `fsync` never stalls a loop.
/// After each mutating admin call the new revision is published to `LongPollHub`, which wakes the
/// parked polls. `start()` returns the bound port; `shutdown()` drains in-flight requests.
package final class ControlPlaneService: Sendable {
    /// Everything `tollgate control-plane` takes on its command line.
    package struct Configuration: Sendable {
        package var host: String
        package var port: Int
        package var dataDirectory: String
        package var region: String
        package var accountId: String
        package var adminAccessKeyId: String
        package var adminSecretAccessKey: String
        package var clusterSecret: String
        package var threads: Int
        /// The HTTPS listener (`--tls-listen`, `--tls-cert`, `--tls-key`), its context built from
        /// the files already; nil: none.
        package var tls: TLSListener?
        /// Whether the plain HTTP listener at `host:port` serves (`--listen off` turns it off; a
        /// configuration without `tls` always serves it).
        package var servesPlain = true
        /// Where the quota observer's gossip socket binds (`--gossip`); nil: no gossip.
        package var gossipBind: SocketAddress?
        /// `HOST:PORT` nodes dial (`--gossip-advertise`, default the bound address).
        package var gossipAdvertise: String?
        /// Gossip round interval (`--gossip-interval`, default 100 ms).
        package var gossipInterval: Duration = .milliseconds(100)
        /// How often changed quota counters are written (default 1 s).
        package var quotaPersistInterval: Duration = .seconds(1)
        /// The control plane's process log: admin failures (`admin`), IAM failures (`iam`),
        /// snapshot and epoch events (`sync`), health (`health`) and every audit entry (`audit`,
        /// info). `tollgate control-plane` sets it from `--log-level`/`--log-format`; the default
        /// (tests, embedders) writes JSON lines of warnings and errors to standard error.
        package var log = ProcessLog(node: "control-plane", minimumLevel: .warn)
        /// Runs TestInvokeMethod and TestInvokeAuthorizer (`tollgate control-plane` passes the data
        /// plane's; nil, as in tests that build a service without one: both answer 501).
        package var testInvoker: (any TestInvoker)?

        package init(host: String = "127.0.0.1", port: Int = 0, dataDirectory: String, region: String = "us-east-1",
                     accountId: String = "000000000000", adminAccessKeyId: String, adminSecretAccessKey: String,
                     clusterSecret: String, threads: Int = 1) {
            self.host = host
            self.port = port
            self.dataDirectory = dataDirectory
            self.region = region
            self.accountId = accountId
            self.adminAccessKeyId = adminAccessKeyId
            self.adminSecretAccessKey = adminSecretAccessKey
            self.clusterSecret = clusterSecret
            self.threads = threads
        }
    }

    package let configuration: Configuration
    package let store: ConfigStore
    package let admin: AdminAPI
    package let hub: LongPollHub
    package let quota: QuotaLedger
    package let gossip: GossipService?
    /// File modes that were too open and have been tightened, one line each, for the log.
    package let startupWarnings: [String]
    let snapshots: SnapshotCache
    private let group: EventLoopGroup
    /// The plain listener (nil: `servesPlain` is false).
    private let server: HTTPServer?
    /// The HTTPS listener: the same handler and loops over TLS (nil: no `tls`).
    let tlsServer: HTTPServer?
    private let boundTLSPort = Mutex<Int?>(nil)
    /// Reloads the HTTPS certificate on file change and SIGHUP (nil: no TLS listener).
    package let tlsReloader: TLSReloader?
    private let handler: ControlPlaneHandler
    private let ownsGroup: Bool
    private let expiryTimer = Mutex<(task: ScheduledTask?, stopped: Bool)>((nil, false))

    /// How often silent nodes are checked for expiry.
    static let nodeExpiryInterval: Duration = .seconds(30)

    /// Opens (creating and migrating) the store under `dataDirectory`; does not listen yet.
    ///
    /// The directory is made `0700` and the database files `0600` (they hold API key values);
    /// modes it had to tighten are listed in `startupWarnings`. Errors are readable one-liners
    /// (`PrivateFilesError`, `StoreError`).
    package init(configuration: Configuration, group: EventLoopGroup? = nil) throws {
        self.configuration = configuration
        let directory = configuration.dataDirectory
        let files = Self.databaseFiles(in: directory)
        var warnings = try PrivateFiles.prepareDirectory(directory, what: "data directory")
        warnings += try PrivateFiles.tightenFiles(files, what: "database file")
        let store = try PrivateFiles.withOwnerOnlyUmask { () throws -> ConfigStore in
            try ConfigStore(directory: directory)
        }
        // SQLite gives -wal and -shm the main file's mode; this covers a file left by an older build.
        warnings += try PrivateFiles.tightenFiles(files, what: "database file")
        startupWarnings = warnings
        self.store = store
        // The gossip socket binds first, so the ledger can record the address nodes are told.
        var socket: UDPSocket?
        var advertised = configuration.gossipAdvertise
        if let bind = configuration.gossipBind {
            let bound = try UDPSocket(bindingTo: bind)
            socket = bound
            advertised = advertised ?? bound.localAddress.description
        }
        let quota = try QuotaLedger(store: store, gossipAddress: advertised)
        self.quota = quota
        if let socket {
            var settings = GossipService.Configuration(nodeID: quota.nodeID, clusterSecret: configuration.clusterSecret)
            settings.tickInterval = configuration.gossipInterval
            let service = try GossipService(configuration: settings, socket: socket, engine: quota.engine,
                                        beforeSend: { quota.beforeSend($0) })
            quota.attach(service)
            gossip = service
        } else {
            gossip = nil
        }
        admin = AdminAPI(store: store, configuration: .init(accountId: configuration.accountId, region: configuration.region),
                         quota: quota, log: configuration.log, testInvoker: configuration.testInvoker)
        hub = LongPollHub(revision: try store.revision())
        snapshots = SnapshotCache(store: store, seal: SecretSeal(clusterSecret: configuration.clusterSecret))
        ownsGroup = group == nil
        let group = group ?? EventLoopGroup(threads: configuration.threads)
        self.group = group
        let tlsReloader = configuration.tls.map { TLSReloader(listener: $0) }
        self.tlsReloader = tlsReloader
        let handler = ControlPlaneHandler(
            admin: admin, iam: IAMAPI(store: store, accountId: configuration.accountId, log: configuration.log),
            store: store, hub: hub, snapshots: snapshots,
            authenticator: AdminAuthenticator(accessKeyId: configuration.adminAccessKeyId,
                                              secretAccessKey: configuration.adminSecretAccessKey),
            clusterSecret: configuration.clusterSecret, quota: quota, log: configuration.log, metrics: ControlPlaneMetrics(eventLoops: group.loops, tlsReloads: { tlsReloader?.counters }))
        self.handler = handler
        var serverConfiguration = HTTPServer.Configuration(host: configuration.host, port: configuration.port)
        serverConfiguration.refusal = AdminAPI.engineRefusal  // 413 as AWS's JSON, not plain text
        serverConfiguration.log = configuration.log.with(component: "listener")
        server = configuration.servesPlain || configuration.tls == nil
            ? HTTPServer(configuration: serverConfiguration, group: group, handler: handler) : nil
        tlsServer = configuration.tls.map { listener in
            var tlsConfiguration = serverConfiguration
            tlsConfiguration.host = listener.host
            tlsConfiguration.port = listener.port
            tlsConfiguration.tls = listener.context
            return HTTPServer(configuration: tlsConfiguration, group: group, handler: handler)
        }
    }

    /// The bound port of the HTTPS listener once started (nil: none).
    package var tlsPort: Int? { boundTLSPort.withLock { $0 } }

    /// The database and its WAL-mode companions in `directory`.
    package static func databaseFiles(in directory: String) -> [String] {
        let base = (directory.hasSuffix("/") ? directory : directory + "/") + ConfigStore.fileName
        return [base, base + "-wal", base + "-shm"]
    }

    /// Starts listening; returns the bound port of the plain listener (useful with port 0), or of
    /// the HTTPS one when there is no plain listener (`tlsPort` gives it in any case).
    package func start() throws -> Int {
        let plainPort = try server?.start()
        if let tlsServer {
            let bound = try tlsServer.start()
            boundTLSPort.withLock { $0 = bound }
        }
        guard let port = plainPort ?? tlsPort else { preconditionFailure("a control plane has at least one listener") }
        scheduleNodeExpiry()
        quota.start(interval: configuration.quotaPersistInterval)
        gossip?.start()
        return port
    }

    private func scheduleNodeExpiry() {
        expiryTimer.withLock { timer in
            guard !timer.stopped else { return }
            timer.task = group.next().schedule(after: Self.nodeExpiryInterval) { [weak self] in
                guard let self else { return }
                self.handler.expireStaleNodes()
                self.scheduleNodeExpiry()
            }
        }
    }

    /// Stops accepting, lets in-flight admin calls finish (parked polls are answered 304 by their
    /// own timers or dropped at the deadline), then stops the loops it owns.
    package func shutdown(gracePeriod: Duration = .seconds(5)) async {
        expiryTimer.withLock { $0.task?.cancel(); $0 = (nil, true) }
        async let tlsDrained: Void = tlsServer?.shutdown(gracePeriod: gracePeriod) ?? ()
        await server?.shutdown(gracePeriod: gracePeriod)
        await tlsDrained
        gossip?.shutdown()
        quota.shutdown()
        if ownsGroup { group.shutdown() }
    }
}
