import Dispatch
import Shared
import Synchronization

/// A data-plane node: the gateway's HTTP server, the snapshot poller and the disk cache, composed.
///
/// `start()` first loads the disk cache (decode, checksum, compile) and installs it on every loop,
/// so a node restarted while the control plane is down serves at once; then it binds the server and
/// starts long-polling the control plane. Every new snapshot goes through the `SnapshotApplier`
/// (off the event loops) and `ServingSlots` (one reference per loop). `shutdown()` stops polling,
/// drains in-flight requests for the grace period, and stops the loops. Thread-safe.
package final class DataPlaneNode: Sendable {
    package let configuration: Configuration
    private let group: EventLoopGroup
    private let slots: ServingSlots
    private let upstreamClient: HTTPClient
    private let pollClient: HTTPClient
    private let server: HTTPServer
    /// The `--tls-listen` server: the same handler and loops as `server`, over TLS.
    private let tlsServer: HTTPServer?
    /// The custom domains' certificates the TLS listener serves by SNI, rebuilt per snapshot.
    private let domainCertificates: TLSDomainCertificates
    private let boundTLSPort = Mutex<Int?>(nil)
    /// Reloads the `--tls-listen` certificate on file change and SIGHUP (nil: no TLS listener).
    package let tlsReloader: TLSReloader?
    private let applier: SnapshotApplier
    private let diskCache: SnapshotDiskCache
    private let pollTask = Mutex<Task<Void, Never>?>(nil)
    /// Body memory of the gateway server and the upstream client, node-wide (not snapshot polls).
    package let bodyBudget: BodyMemoryBudget
    private let trimTask = Mutex<Task<Void, Never>?>(nil)
    /// Health, sync state and metrics (`/_tollgate/health`, `/_tollgate/metrics`).
    package let status: NodeSyncStatus
    package let metrics: NodeMetrics
    /// The `--metrics-listen` server (nil: scrapes go to the API listener).
    private let metricsServer: HTTPServer?
    private let boundMetricsPort = Mutex<Int?>(nil)
    /// Writes the stages' access logs off the loops; started with the server, flushed at shutdown.
    package let accessLogs: AccessLogWriter
    /// Spans of stages with `tracingEnabled` (docs/operations.md, "Traces").
    package let traces: TraceExporter
    private let traceClient: HTTPClient
    /// WebSocket APIs: the connections this node owns and `@connections` (docs/websocket.md).
    package let webSockets: WebSocketGateway

    /// Idle keep-alive connections kept per integration `host:port` per loop. As many as the
    /// concurrent requests a loop proxies to one backend: a smaller pool closes the surplus after
    /// every burst and reconnects on the next (with 16, wrk -c64 through one node spent most of its
    /// time connecting: 0.3x nginx instead of 0.9x; see docs/performance.md). Idle ones still close
    /// after the client's idle timeout.
    static let upstreamIdleConnectionsPerHost = 1024

    /// Prepares the state directory and starts the event loops; does not listen yet.
    package init(configuration: Configuration) throws(SnapshotDiskCacheError) {
        self.configuration = configuration
        let diskCache = SnapshotDiskCache(directory: configuration.stateDirectory, maximumFileBytes: configuration.maximumSnapshotBytes)
        try diskCache.prepare()
        self.diskCache = diskCache
        let group = EventLoopGroup(threads: configuration.threads)
        self.group = group
        let slots = ServingSlots(loops: group.loops)
        self.slots = slots
        webSockets = WebSocketGateway(slots: slots, nodeId: configuration.nodeId)
        HeapTrimmer.mapLargeBlocksSeparately()
        let bodyBudget = BodyMemoryBudget(limit: max(1, configuration.maxBufferedBodyBytes))
        self.bodyBudget = bodyBudget
        var upstreamConfiguration = HTTPClient.Configuration(
            maxIdleConnectionsPerHost: Self.upstreamIdleConnectionsPerHost, bodyBudget: bodyBudget)
        upstreamConfiguration.tls = configuration.upstreamTLS
        let upstreamClient = HTTPClient(group: group, configuration: upstreamConfiguration)
        self.upstreamClient = upstreamClient
        // Snapshots have their own size limit, not the 10 MiB of API traffic (`SnapshotSizeLimit`).
        // An https control plane is verified as integrations are: system store plus --ca-file.
        var pollConfiguration = HTTPClient.Configuration(
            maxIdleConnectionsPerHost: 2, limits: HTTPLimits(maxBodyBytes: configuration.maximumSnapshotBytes))
        pollConfiguration.tls = configuration.upstreamTLS
        pollClient = HTTPClient(group: group, configuration: pollConfiguration)
        let status = NodeSyncStatus()
        self.status = status
        let upstreamFailures = UpstreamFailureCounters()
        let requestMetrics = RequestMetricsRegistry(loops: group.loops)
        var metrics = NodeMetrics(requests: requestMetrics, status: status, upstreamFailures: upstreamFailures)
        var pipelineConfiguration = configuration.pipelineConfiguration
        let clientCertificates = TLSUpstreamClientCertificates(seal: pipelineConfiguration.secretSeal, caFile: configuration.upstreamTLS?.caFile,
                                                               log: configuration.log.with(component: "tls").lines(at: .error))
        let invoker = HTTPClientInvoker(client: upstreamClient, group: group, log: configuration.log.with(component: "upstream").lines(at: .warn),
                                        failures: upstreamFailures, clientCertificates: clientCertificates)
        pipelineConfiguration.bodyBudget = bodyBudget
        // Two buffers per loop: requests completing on other threads (invokers) rarely share one.
        let accessLogs = AccessLogWriter(directory: configuration.accessLogDirectory, shardCount: 2 * configuration.threads,
                                         bufferBytes: configuration.accessLogBufferBytes,
                                         log: configuration.log.with(component: "access-log").lines(at: .warn))
        self.accessLogs = accessLogs
        pipelineConfiguration.accessLogs = accessLogs
        let traceClient = HTTPClient(group: group, configuration: .init(maxIdleConnectionsPerHost: 2))
        self.traceClient = traceClient
        let traces = TraceExporter(sink: configuration.otlpEndpoint.map { .collector(client: traceClient, endpoint: $0) } ?? .standardOutput,
                                   nodeId: configuration.nodeId, interval: configuration.traceExportInterval,
                                   log: configuration.log.with(component: "tracing").lines(at: .warn))
        self.traces = traces
        pipelineConfiguration.traces = traces
        let bootstrap = RequestPipeline(configuration: pipelineConfiguration, invoker: invoker,
                                        renderer: MappingTemplateRenderer(log: configuration.log.with(component: "mapping").lines(at: .error)))
        var serverConfiguration = HTTPServer.Configuration(host: configuration.host, port: configuration.port)
        serverConfiguration.refusal = RequestPipeline.engineRefusal
        serverConfiguration.bodyBudget = bodyBudget
        serverConfiguration.log = configuration.log.with(component: "listener")
        // The listeners' counters are read through a box filled once the servers exist.
        let listeners = ListenerBox()
        metrics.connections = { listeners.statistics() }
        metrics.bufferedBodyBytes = { bodyBudget.usedBytes }
        metrics.gossip = configuration.gossipStatistics ?? { nil }
        metrics.quota = configuration.quotaStatistics ?? { nil }
        metrics.eventLoops = group.loops
        metrics.upstreamConnections = { upstreamClient.connectionCounts }
        let tlsReloader = configuration.tls.map { TLSReloader(listener: $0) }
        self.tlsReloader = tlsReloader
        metrics.tlsReloads = { tlsReloader?.counters }
        self.metrics = metrics
        let handler = GatewayHandler(slots: slots, bootstrap: bootstrap, debug: configuration.debugHandler,
                                     node: NodeEndpoints(metrics: metrics, servesMetrics: configuration.metricsListen == nil),
                                     webSockets: webSockets)
        server = HTTPServer(configuration: serverConfiguration, group: group, handler: handler)
        let tlsServer = configuration.tls.map { listener in
            var tlsConfiguration = serverConfiguration
            tlsConfiguration.host = listener.host
            tlsConfiguration.port = listener.port
            tlsConfiguration.tls = listener.context
            return HTTPServer(configuration: tlsConfiguration, group: group, handler: handler)
        }
        self.tlsServer = tlsServer
        let domainCertificates = TLSDomainCertificates(seal: pipelineConfiguration.secretSeal,
                                                       log: configuration.log.with(component: "tls").lines(at: .error))
        self.domainCertificates = domainCertificates
        metricsServer = configuration.metricsListen.map { listen in
            var metricsConfiguration = HTTPServer.Configuration(host: listen.host, port: listen.port)
            metricsConfiguration.log = serverConfiguration.log
            return HTTPServer(configuration: metricsConfiguration, group: group,
                              handler: MetricsListenerHandler(endpoints: NodeEndpoints(metrics: metrics, servesMetrics: true)))
        }
        listeners.set([("http", server), tlsServer.map { ("https", $0) }].compactMap { $0 })
        let log = configuration.log.with(component: "sync")
        let features = configuration.filterFactories
        let metricsFeature: [any FilterFactory] = configuration.requestMetrics ? [requestMetrics.filterFactory] : []
        let hook = configuration.onSnapshotApplied
        applier = SnapshotApplier(diskCache: diskCache, log: log) { snapshot, compiled in
            // The chains of every route are built here, off the loops, before the snapshot goes live.
            let serving = ServingConfiguration(snapshot: compiled, pipeline: bootstrap, features: features(compiled) + metricsFeature)
            clientCertificates.update(snapshot.clientCertificates)
            // Custom domains' certificates by SNI, built here too; new handshakes use them once
            // every loop has the table, open connections keep theirs.
            if let tlsServer {
                let names = domainCertificates.update(snapshot.domainNames)
                tlsServer.updateServerNames(names)
            }
            if !slots.publishAndWait(serving) {
                log.warn("snapshot revision \(compiled.revision) did not reach every event loop within 10 s")
            }
            hook?(snapshot, compiled)
        }
    }

    /// Loads the disk cache, binds the server, starts polling; returns the bound port. Call once.
    package func start() throws -> Int {
        let loaded = applier.loadFromDisk()
        let status = status
        if let loaded { status.note(loaded) }
        if loaded.flatMap(Self.served) == nil {
            configuration.log.with(component: "sync").warn("no usable snapshot in \(configuration.stateDirectory); answering 503 until the control plane sends one")
        }
        accessLogs.start()
        traces.start()
        let port = try server.start()
        if let tlsServer {
            let bound = try tlsServer.start()
            boundTLSPort.withLock { $0 = bound }
            // The disk cache was applied before the loops had this server: hand them its domains.
            tlsServer.updateServerNames(domainCertificates.current)
        }
        if let metricsServer {
            let bound = try metricsServer.start()
            boundMetricsPort.withLock { $0 = bound }
        }
        let served = loaded.flatMap(Self.served)
        let machine = SnapshotPollStateMachine(timing: configuration.pollTiming, nodeId: configuration.nodeId,
                                               gossipAddress: configuration.gossipAddress, serving: served?.revision,
                                               servingEpoch: served?.epoch, maximumSnapshotBytes: configuration.maximumSnapshotBytes)
        let source = StatusRecordingSource(
            source: HTTPSnapshotSource(endpoint: configuration.controlPlane, clusterSecret: configuration.clusterSecret, client: pollClient),
            status: status)
        let applier = applier
        let poller = SnapshotPoller(machine: machine, source: source, apply: {
            let outcome = await applier.apply($0, revision: $1, epoch: $2)
            status.note(outcome)
            return outcome
        },
                                    log: configuration.log.with(component: "sync"))
        pollTask.withLock { $0 = Task { await poller.run() } }
        let trimmer = HeapTrimmer(budget: bodyBudget)
        trimTask.withLock { $0 = Task { await trimmer.run() } }
        return port
    }

    /// The revision being served on the loops, or nil before the first snapshot.
    package var servingRevision: Int64? { slots.latest?.revision }

    /// Stops polling, drains the server (grace period), closes client connections, stops the loops.
    package func shutdown() async {
        if let task = pollTask.withLock({ task -> Task<Void, Never>? in defer { task = nil }; return task }) {
            task.cancel()
            await task.value
        }
        if let task = trimTask.withLock({ task -> Task<Void, Never>? in defer { task = nil }; return task }) {
            task.cancel()
            await task.value
        }
        // WebSocket connections first: each closes with 1001 and its `$disconnect` runs while the
        // upstream client is still up.
        await webSockets.drainConnections(within: configuration.shutdownGracePeriod)
        async let tlsDrained: Void = tlsServer?.shutdown(gracePeriod: configuration.shutdownGracePeriod) ?? ()
        async let metricsDrained: Void = metricsServer?.shutdown(gracePeriod: configuration.shutdownGracePeriod) ?? ()
        await server.shutdown(gracePeriod: configuration.shutdownGracePeriod)
        await tlsDrained
        await metricsDrained
        await pollClient.shutdown()
        await upstreamClient.shutdown()
        await traces.shutdown()
        await traceClient.shutdown()
        group.shutdown()
        // After the loops: every completed request's line is queued, the last flush writes it.
        accessLogs.shutdown()
    }

    /// The bound port of the `--metrics-listen` server once started (nil: none).
    package var metricsPort: Int? { boundMetricsPort.withLock { $0 } }

    /// The bound port of the `--tls-listen` server once started (nil: no TLS listener).
    package var tlsPort: Int? { boundTLSPort.withLock { $0 } }

    /// Re-reads the TLS certificate and key files (SIGHUP) and hands the new context to every
    /// loop; open connections keep the old one. A file that does not load throws (and `completion`
    /// is not called): the old certificate keeps serving. Otherwise `completion` runs once every
    /// loop has the new context. Without a TLS listener `completion` runs at once. Call off the loops.
    package func reloadTLS(completion: @escaping @Sendable () -> Void = {}) throws(TLSError) {
        guard let listener = configuration.tls, let tlsServer else { return completion() }
        let context = try TLSContext(certificateChainFile: listener.certificateFile, privateKeyFile: listener.keyFile)
        tlsServer.reloadTLS(context, completion: completion)
    }

    /// One poll of the TLS certificate and key files (the `tollgate-reload` thread, every 2 s):
    /// reloads them when they differ from the ones serving, also again after a failed load
    /// (`TLSReloader`). The line to log, or nil. Call off the loops.
    package func pollTLSFiles() -> String? {
        tlsReloader?.tick(load: reloadTLSAndWait)
    }

    /// SIGHUP: reloads the TLS certificate and key files now; the line to log. Call off the loops.
    package func reloadTLSOnHangUp() -> String {
        guard let tlsReloader else { return "SIGHUP: no --tls-listen, nothing to reload" }
        return tlsReloader.hangUp(load: reloadTLSAndWait)
    }

    /// `reloadTLS`, returning once every loop has the new context.
    private func reloadTLSAndWait() throws(TLSError) {
        let done = DispatchSemaphore(value: 0)
        try reloadTLS { done.signal() }
        done.wait()
    }

    /// The revision and epoch an outcome left serving (nil when it was rejected).
    private static func served(_ outcome: SnapshotApplier.Outcome) -> (revision: Int64, epoch: String?)? {
        switch outcome {
        case .applied(let revision, let epoch), .unchanged(let revision, let epoch): return (revision, epoch)
        case .rejected: return nil
        }
    }
}

/// The node's API listeners, named, for the connection metrics: set once in `init` after the
/// servers exist (the metrics reader is made before them).
private final class ListenerBox: Sendable {
    private let servers = Mutex<[(String, HTTPServer)]>([])

    func set(_ servers: [(String, HTTPServer)]) { self.servers.withLock { $0 = servers } }

    func statistics() -> [(listener: String, statistics: HTTPServer.Statistics)] {
        servers.withLock { $0 }.map { (listener: $0.0, statistics: $0.1.statistics) }
    }
}
